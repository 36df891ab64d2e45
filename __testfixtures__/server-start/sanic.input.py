from sanic import Sanic
from sanic.response import text

app = Sanic("hello")


@app.get("/")
async def hello(request):
    return text("hi")


app.run(host="127.0.0.1", port=8000)
