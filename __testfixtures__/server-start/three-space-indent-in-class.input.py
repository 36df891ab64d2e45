import flask


class Config:
   DEBUG = True


app = flask.Flask(__name__)
app.run(debug=Config.DEBUG)
