import flask.app

site = flask.app.Flask(__name__)
if __name__ == "__main__":
    site.run()
