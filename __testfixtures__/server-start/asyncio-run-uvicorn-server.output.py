import asyncio

import uvicorn
from fastapi import FastAPI

app = FastAPI()

server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=8000))
if __name__ == "__main__":
    asyncio.run(server.serve())
