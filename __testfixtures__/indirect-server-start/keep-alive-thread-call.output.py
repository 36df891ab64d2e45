from threading import Thread

from flask import Flask

app = Flask("")


def run():
    app.run(host="0.0.0.0", port=8080)


if __name__ == "__main__":
    Thread(target=run).start()
