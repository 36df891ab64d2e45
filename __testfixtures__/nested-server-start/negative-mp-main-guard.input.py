import multiprocessing

from flask import Flask

app = Flask(__name__)


def warm_cache():
    pass


if __name__ in ("__main__", "__mp_main__"):
    multiprocessing.Process(target=warm_cache).start()
    app.run(port=8000)
