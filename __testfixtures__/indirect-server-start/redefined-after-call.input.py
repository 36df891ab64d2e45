from flask import Flask

app = Flask(__name__)


def main():
    app.run()


main()


def main():  # redefined: the call above already ran the first one
    pass
