import sys
from flask import Flask

app = Flask(__name__)

sys.exit(0)
if __name__ == "__main__":
    app.run()
