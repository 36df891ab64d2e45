from flask import Flask

app = Flask(__name__)

try:
    if True:
        app.run()
finally:
    print("done")
