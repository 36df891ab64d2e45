from flask import Flask

site: Flask = Flask(__name__)
if __name__ == "__main__":
    site.run()
