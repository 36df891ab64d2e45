from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "Hello"


app.run(debug=True)

# script entry point

if __name__ == "__main__":  # pragma: no cover
    print("started as a script")
