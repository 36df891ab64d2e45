from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.web import Application

from .handlers import routes

app = Application(routes)
server = HTTPServer(app)
if __name__ == "__main__":
    server.listen(8000)
    print("listening on 8000")
    IOLoop.current().start()
