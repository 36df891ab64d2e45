from aiohttp.web import Application, run_app as go

app = Application()
go(app, port=8081)
