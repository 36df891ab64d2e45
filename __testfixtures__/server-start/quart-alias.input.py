import quart as q

web = q.Quart(__name__)
web.run(port=8000)
