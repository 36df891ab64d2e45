from flask import *

site = Flask(__name__)
if __name__ == "__main__":
    site.run()
