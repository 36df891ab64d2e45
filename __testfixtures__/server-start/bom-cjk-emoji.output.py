# -*- coding: utf-8 -*-
from flask import Flask

app = Flask(__name__)
GREETING = "你好，世界 😀🎉"


@app.route("/")
def index():
    return GREETING


label = "日本語 🐍"
if __name__ == "__main__":
    app.run(host="127.0.0.1")  # 起動 🚀
