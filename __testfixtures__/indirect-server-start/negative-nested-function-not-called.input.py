from flask import Flask

app = Flask(__name__)


def main():
    def later():
        app.run()
    return later


main()
