import eventlet
from eventlet import wsgi


def hello(env, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"Hello, World!\r\n"]


if __name__ == "__main__":
    wsgi.server(eventlet.listen(("", 8090)), hello)
