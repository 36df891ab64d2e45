import flask.app

site = flask.app.Flask(__name__)
site.run()
