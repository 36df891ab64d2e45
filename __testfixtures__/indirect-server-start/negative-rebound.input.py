from flask import Flask

app = Flask(__name__)


def main():
    app.run()


from cli import main

main()
