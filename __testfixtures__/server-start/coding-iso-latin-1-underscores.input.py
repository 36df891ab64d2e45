#!/usr/bin/env python3
# coding=ISO_Latin_1
from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "ok"


app.run(debug=True)
