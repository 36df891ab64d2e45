import waitress
from myapp import app

waitress.serve(app, listen="*:8080")
