from flask import Flask

api = Flask("api")
admin = Flask("admin")

api.run(port=5000)
# the admin app
admin.run(port=5001)
