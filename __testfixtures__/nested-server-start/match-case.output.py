import sys

from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    match sys.argv[1:]:
        case ["serve"]:
            app.run(port=8000)
        case _:
            pass
