from flask import Flask

app = Flask(__name__)

if True:
	app.run()
