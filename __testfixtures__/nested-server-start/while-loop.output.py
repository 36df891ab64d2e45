from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    while True:
        app.run()
        break
