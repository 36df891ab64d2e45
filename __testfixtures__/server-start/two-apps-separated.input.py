from flask import Flask

api = Flask("api")
api.run(port=5000)
admin = Flask("admin")
admin.run(port=5001)
