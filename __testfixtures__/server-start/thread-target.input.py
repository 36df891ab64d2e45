from threading import Thread
from flask import Flask

app = Flask(__name__)

Thread(target=app.run, kwargs={"port": 8080}).start()
