from flask import *

site = Flask(__name__)
site.run()
