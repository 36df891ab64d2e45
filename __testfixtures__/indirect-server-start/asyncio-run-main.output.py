import asyncio

import uvicorn
from fastapi import FastAPI

app = FastAPI()


async def main():
    config = uvicorn.Config(app=app, port=8000)
    server = uvicorn.Server(config)
    await server.serve()


if __name__ == "__main__":
    asyncio.run(main())
