from quart import Quart

app = Quart(__name__)


async def main():
    await app.run_task()
    app.run()


# Calling a coroutine function only makes a coroutine: its body never runs here.
main()
