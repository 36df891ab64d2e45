import bottle as b


@b.route("/")
def index():
    return "ok"


b.run(reloader=True)
