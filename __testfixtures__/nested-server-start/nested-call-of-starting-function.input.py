from flask import Flask

app = Flask(__name__)


def main():
    app.run()


try:
    main()
except SystemExit:
    pass
