from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "Hello"


if '__main__' == __name__:
    app.run()

    print('script')
