from flask import Flask

app = Flask(__name__)


def main():
    app.run()


def main():  # redefined before the call: this one runs
    pass


main()
