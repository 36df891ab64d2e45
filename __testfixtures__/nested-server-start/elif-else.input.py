import sys
from flask import Flask

app = Flask(__name__)

if sys.argv[-1] == "dev":
    app.run(debug=True)
elif sys.argv[-1] == "prod":
    print("use gunicorn")
else:
    app.run()
