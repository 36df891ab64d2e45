import sanic as s

web = s.Sanic("svc")
if __name__ == "__main__":
    web.run(port=8000, dev=True)
