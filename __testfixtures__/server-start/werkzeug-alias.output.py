import werkzeug.serving as ws

from .wsgi import application

if __name__ == "__main__":
    ws.run_simple("127.0.0.1", 5000, application)
