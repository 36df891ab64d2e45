from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
	if True:
		return "Hello"


app.run(
	debug=True,
)
