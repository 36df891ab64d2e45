from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "Hello"


api = Flask("api")
if __name__ == "__main__":
    app.run(port=1); api.run(port=2)
