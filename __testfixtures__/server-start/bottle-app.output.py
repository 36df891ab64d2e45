from bottle import Bottle

app = Bottle()


@app.route("/hello")
def hello():
    return "Hello"


if __name__ == "__main__":
    app.run(host="localhost", port=8080)
