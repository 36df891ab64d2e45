from flask import Flask
from etl import Pipeline

app = Flask(__name__)
pipeline = Pipeline()
pipeline.run()
self.run()
