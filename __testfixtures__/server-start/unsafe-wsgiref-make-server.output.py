from wsgiref.simple_server import make_server

from .wsgi import application

if __name__ == "__main__":
    httpd = make_server("", 8000, application)
    print("Serving on port 8000...")
    httpd.serve_forever()
