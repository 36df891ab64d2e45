import bjoern

from app import app

bjoern.run(app, "127.0.0.1", 8000)
