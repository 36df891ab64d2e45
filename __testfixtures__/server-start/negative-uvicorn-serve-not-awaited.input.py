import uvicorn
from fastapi import FastAPI

app = FastAPI()

server = uvicorn.Server(uvicorn.Config(app))
# A coroutine made and dropped: nothing is served.
server.serve()
