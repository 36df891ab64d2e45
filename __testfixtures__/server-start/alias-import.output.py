import flask as fl

server = fl.Flask(__name__)


@server.route("/")
def index():
    return "Hello"


if __name__ == "__main__":
    server.run(host="127.0.0.1")
