from waitress import serve as s

from .wsgi import application

if __name__ == "__main__":
    s(application, port=8080)
