from flask import Flask

app = Flask(__name__)

from textual.app import App

ui = App()
ui.run()
