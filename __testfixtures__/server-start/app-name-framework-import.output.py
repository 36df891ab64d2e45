from flask import render_template

from .factory import build

app = build()


@app.route("/")
def index():
    return render_template("index.html")


if __name__ == "__main__":
    app.run()
