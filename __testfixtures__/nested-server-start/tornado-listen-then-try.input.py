import tornado.ioloop
import tornado.web

app = tornado.web.Application([])
app.listen(8888)
try:
    tornado.ioloop.IOLoop.current().start()
except KeyboardInterrupt:
    pass
