from flask import Flask

app = Flask(__name__)


def main():
    app.run()


if __name__ == "__main__":
    try:
        main()
    except SystemExit:
        pass
