from .wsgi import application

if __name__ == "__main__":
    application.run(port=8000)
