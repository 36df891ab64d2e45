from flask import Flask

app = Flask(__name__)
rocket = make_rocket()
rocket.launch()
