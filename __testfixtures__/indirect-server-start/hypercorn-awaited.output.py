import asyncio

from hypercorn.asyncio import serve
from hypercorn.config import Config
from quart import Quart

app = Quart(__name__)


async def main():
    await serve(app, Config())


if __name__ == "__main__":
    asyncio.run(main())
