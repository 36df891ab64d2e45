import threading

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "ok"


server = threading.Thread(target=app.run, kwargs={"host": "127.0.0.1", "port": 5000}, daemon=True)
server.start()
