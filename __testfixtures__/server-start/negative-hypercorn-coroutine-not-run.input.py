from hypercorn.asyncio import serve
from hypercorn.config import Config

from myservice import app

# A coroutine made and never run: nothing is served.
pending = serve(app, Config())
