from flask import Flask

app = Flask(__name__)
app.run(host="127.0.0.1", debug=True)
if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=False)
