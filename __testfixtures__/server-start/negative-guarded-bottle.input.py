from bottle import route, run


@route("/")
def index():
    return "ok"


if __name__ == "__main__":
    run(port=8080)
