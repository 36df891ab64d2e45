from flask import Flask

app = Flask(__name__)


def serving(port):
    app.run(port=port)
    return lambda view: view


@serving(8000)
def index():
    return "hi"
