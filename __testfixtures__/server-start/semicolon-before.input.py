from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "Hello"


PORT = 5000; app.run(port=PORT)
