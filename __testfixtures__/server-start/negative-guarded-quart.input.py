from quart import Quart

app = Quart(__name__)

if __name__ == "__main__":
    app.run(debug=True)
