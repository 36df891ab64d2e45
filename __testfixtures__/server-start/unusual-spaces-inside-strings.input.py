from flask import Flask

app = Flask(__name__)
BANNER = " ready﻿"
app.run()
