from flask import Flask


class MyFlask(Flask):
    jinja_options = {"autoescape": True}


site = MyFlask(__name__)
if __name__ == "__main__":
    site.run()
