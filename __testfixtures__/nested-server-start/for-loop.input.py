from waitress import serve

from .wsgi import application

for port in (8080,):
    serve(application, port=port)
