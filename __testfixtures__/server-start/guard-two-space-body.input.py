from flask import Flask

app = Flask(__name__)


def index():
    return "Hello"


if __name__ == "__main__":
  print("script")
app.run(
    debug=True,
)
