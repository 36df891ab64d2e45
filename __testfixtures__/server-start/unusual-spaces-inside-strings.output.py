from flask import Flask

app = Flask(__name__)
BANNER = " ready﻿"
if __name__ == "__main__":
    app.run()
