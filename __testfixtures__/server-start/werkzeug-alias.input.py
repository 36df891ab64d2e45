import werkzeug.serving as ws

from .wsgi import application

ws.run_simple("127.0.0.1", 5000, application)
