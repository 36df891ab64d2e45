import quart as q

web = q.Quart(__name__)
if __name__ == "__main__":
    web.run(port=8000)
