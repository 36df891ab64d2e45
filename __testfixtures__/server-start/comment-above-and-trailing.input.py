from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "Hello"


# Start the development server.
app.run(debug=True)  # noqa: S201
