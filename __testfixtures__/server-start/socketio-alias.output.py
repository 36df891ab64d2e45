import flask
import flask_socketio as fsio

app = flask.Flask(__name__)
sio = fsio.SocketIO(app, cors_allowed_origins="*")
if __name__ == "__main__":
    sio.run(app)
