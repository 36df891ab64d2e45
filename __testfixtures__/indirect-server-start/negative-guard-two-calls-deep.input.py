from flask import Flask

app = Flask(__name__)


def serve():
    if __name__ == "__main__" and app.config.get("SERVE", True):
        app.run(port=8080)


def main():
    app.config["NAME"] = "demo"
    serve()


main()
