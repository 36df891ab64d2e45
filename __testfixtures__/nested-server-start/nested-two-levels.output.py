from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    try:
        if True:
            app.run()
    finally:
        print("done")
