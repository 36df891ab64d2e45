import sanic as s

web = s.Sanic("svc")
web.run(port=8000, dev=True)
