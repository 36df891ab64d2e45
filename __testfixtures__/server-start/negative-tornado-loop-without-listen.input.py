import tornado.ioloop


def tick():
    print("tick")


# A loop with nothing listening on it: a timer, not a server.
tornado.ioloop.PeriodicCallback(tick, 1000).start()
tornado.ioloop.IOLoop.current().start()
