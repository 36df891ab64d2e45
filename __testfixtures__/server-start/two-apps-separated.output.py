from flask import Flask

api = Flask("api")
if __name__ == "__main__":
    api.run(port=5000)
admin = Flask("admin")
if __name__ == "__main__":
    admin.run(port=5001)
