from quart import Quart

app = Quart(__name__)


@app.route("/reports/daily")
async def daily():
    return {"rows": 0}


app.run(port=8003)
