from flask import Flask

app = Flask(__name__)

try:
    app.run(port=5000)
except KeyboardInterrupt:
    print("bye")
