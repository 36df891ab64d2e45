from bottle import Bottle

app = Bottle()


@app.route("/hello")
def hello():
    return "Hello"


app.run(host="localhost", port=8080)
