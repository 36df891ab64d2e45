from flask import Flask

Flask(__name__).run()
