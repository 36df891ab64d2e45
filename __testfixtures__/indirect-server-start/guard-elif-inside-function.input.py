from flask import Flask
import os

app = Flask(__name__)


def main():
    if __name__ == "__main__":
        app.run()
    elif os.environ.get("SERVE"):
        app.run(host="127.0.0.1")


main()
