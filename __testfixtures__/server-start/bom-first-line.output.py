import flask
if __name__ == "__main__":
    flask.Flask(__name__).run()
