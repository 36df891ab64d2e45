from gevent.pywsgi import WSGIServer

from myservice import app

http_server = WSGIServer(("", 5000), app)
if __name__ == "__main__":
    http_server.serve_forever()
