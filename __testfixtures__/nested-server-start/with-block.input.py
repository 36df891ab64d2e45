import contextlib

import uvicorn

with contextlib.suppress(KeyboardInterrupt):
    uvicorn.run("main:app")
