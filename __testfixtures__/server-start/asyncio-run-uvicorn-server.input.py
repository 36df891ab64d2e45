import asyncio

import uvicorn
from fastapi import FastAPI

app = FastAPI()

server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=8000))
asyncio.run(server.serve())
