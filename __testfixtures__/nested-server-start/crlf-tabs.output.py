from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
	if True:
		app.run()
