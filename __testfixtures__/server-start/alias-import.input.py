import flask as fl

server = fl.Flask(__name__)


@server.route("/")
def index():
    return "Hello"


server.run(host="127.0.0.1")
