from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "Hello"


x = 1
if __name__ == "__main__":
    app.run()
y = 2
