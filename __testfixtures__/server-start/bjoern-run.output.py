import bjoern

from app import app

if __name__ == "__main__":
    bjoern.run(app, "127.0.0.1", 8000)
