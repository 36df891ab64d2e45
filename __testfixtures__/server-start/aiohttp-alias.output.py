from aiohttp.web import Application, run_app as go

app = Application()
if __name__ == "__main__":
    go(app, port=8081)
