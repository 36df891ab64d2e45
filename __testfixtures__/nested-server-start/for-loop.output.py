from waitress import serve

from .wsgi import application

if __name__ == "__main__":
    for port in (8080,):
        serve(application, port=port)
