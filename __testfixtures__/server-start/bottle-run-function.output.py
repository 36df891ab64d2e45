from bottle import route, run


@route("/hello")
def hello():
    return "Hello"


if __name__ == "__main__":
    run(host="localhost", port=8080, debug=True)
