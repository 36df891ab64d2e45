from flask import Flask

site: Flask = Flask(__name__)
site.run()
