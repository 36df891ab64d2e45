import os

from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    print("use: flask --app app run")
elif os.environ.get("SERVE"):
    app.run(port=8000)
