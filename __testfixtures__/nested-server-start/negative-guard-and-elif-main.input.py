import os

from flask import Flask

app = Flask(__name__)

if __name__ == "__main__" and os.name == "posix":
    app.run(host="127.0.0.1", port=8000)
elif __name__ == "__main__":
    app.run(port=8080)
