from flask import Flask

app = Flask(__name__)

USAGE = """
app.run(debug=True)
"""
print("call app.run() to start")
