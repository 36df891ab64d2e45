from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    if __name__ == "__main__":
        print("run me with gunicorn")
    else:
        app.run(port=8000)
