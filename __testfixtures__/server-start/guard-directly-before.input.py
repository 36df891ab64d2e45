from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "Hello"


if __name__ == "__main__":
    print("started as a script")
app.run(debug=True)
