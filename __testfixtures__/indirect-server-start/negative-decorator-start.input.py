from flask import Flask

app = Flask(__name__)


def serve(view):
    app.run()
    return view


@serve
def index():
    return "hi"
