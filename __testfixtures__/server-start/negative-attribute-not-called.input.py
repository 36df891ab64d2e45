from flask import Flask

app = Flask(__name__)

starter = app.run
app.runner()
