import contextlib

import uvicorn

if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.run("main:app")
