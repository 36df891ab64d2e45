import threading

from flask import Flask

app = Flask(__name__)

# Made at import, started by whoever runs the module as a script.
server = threading.Thread(target=app.run, daemon=True)


def serve():
    server.start()
