try:
    from flask import Flask
except ImportError:
    raise SystemExit("pip install flask")

site = Flask(__name__)
if __name__ == "__main__":
    site.run()
