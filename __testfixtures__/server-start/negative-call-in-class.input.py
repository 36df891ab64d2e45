from flask import Flask

app = Flask(__name__)

class Server:
    app.run()

    def start(self):
        self.app.run()
