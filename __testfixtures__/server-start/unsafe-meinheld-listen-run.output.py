from meinheld import server

from .app import app

if __name__ == "__main__":
    server.listen(("0.0.0.0", 8000))
    server.run(app)
