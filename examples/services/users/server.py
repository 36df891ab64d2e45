import flask as fl

server = fl.Flask(__name__)

HELP = """
Endpoints:
    GET /users/<name>
"""


@server.route("/users/<name>")
def user(name):
    return fl.jsonify(name=name, help=HELP)


# Development server: listen everywhere so the VM can reach it.
server.run(
    host="0.0.0.0",  # all interfaces
    port=8001,
    debug=True,
)

if __name__ == "__main__":
    print("users service started as a script")
