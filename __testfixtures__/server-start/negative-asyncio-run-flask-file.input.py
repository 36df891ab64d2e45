import asyncio
from flask import Flask

app = Flask(__name__)


async def warm():
    pass


asyncio.run(warm())
