from flask import Flask

api = Flask("api")
admin = Flask("admin")

if __name__ == "__main__":
    api.run(port=5000)
    # the admin app
    admin.run(port=5001)
