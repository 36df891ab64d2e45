import flask


class Config:
   DEBUG = True


app = flask.Flask(__name__)
if __name__ == "__main__":
   app.run(debug=Config.DEBUG)
