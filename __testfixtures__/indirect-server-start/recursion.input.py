from flask import Flask

app = Flask(__name__)


def retry(attempt=0):
    if attempt > 3:
        return
    try:
        app.run()
    except OSError:
        retry(attempt + 1)


retry()
