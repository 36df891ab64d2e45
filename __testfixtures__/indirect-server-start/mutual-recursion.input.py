from flask import Flask

app = Flask(__name__)


def ping(n):
    if n:
        pong(n - 1)


def pong(n):
    ping(n)
    app.run()


ping(2)
