import asyncio
import http.server

from mylib import serve

serve()
run = lambda: None
run()
http.server.test()
