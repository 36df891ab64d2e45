import tornado.ioloop
import tornado.web

app = tornado.web.Application([])
if __name__ == "__main__":
    app.listen(8888)
    try:
        tornado.ioloop.IOLoop.current().start()
    except KeyboardInterrupt:
        pass
