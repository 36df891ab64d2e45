import flask; flask.Flask(__name__).run()
