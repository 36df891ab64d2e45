import os
from flask import Flask

app = Flask(__name__)

if os.environ.get("DEV"):  # mainguard: ignore
    app.run()
