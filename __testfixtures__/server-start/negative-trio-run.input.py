import trio


async def main():
    pass


trio.run(main)
