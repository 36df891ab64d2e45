import waitress
from myapp import app

if __name__ == "__main__":
    waitress.serve(app, listen="*:8080")
