from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "Hello"


app.run(
    # listen everywhere (dev box)
    host="0.0.0.0",
    port=5000,  # the usual port

    # no debugger on a shared box
    debug=False,
)
