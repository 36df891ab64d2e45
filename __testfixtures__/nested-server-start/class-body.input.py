from flask import Flask

app = Flask(__name__)


class Server:
    """Started when the module is imported: the class body runs then."""

    port = 8000
    app.run(port=port)

    def serve(self):
        app.run(port=self.port)


class Guarded:
    if __name__ == "__main__":
        app.run(port=8001)
