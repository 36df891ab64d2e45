import bottle as b


@b.route("/")
def index():
    return "ok"


if __name__ == "__main__":
    b.run(reloader=True)
