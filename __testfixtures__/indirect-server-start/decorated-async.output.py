import functools
from aiohttp import web


@functools.lru_cache
def start():
    web.run_app(web.Application())


if __name__ == "__main__":
    start()
