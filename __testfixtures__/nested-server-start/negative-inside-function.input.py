from flask import Flask

app = Flask(__name__)


def serve():
    if True:
        app.run()
