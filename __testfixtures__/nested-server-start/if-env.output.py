import os
from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    if os.environ.get("FLASK_DEBUG"):
        app.run(debug=True)
