from waitress import serve as s

from .wsgi import application

s(application, port=8080)
