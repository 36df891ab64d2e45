from flask import Flask

app = Flask(__name__)

import os

if __name__ == "__main__" and os.environ.get("DEV"):
    app.run(debug=True)
