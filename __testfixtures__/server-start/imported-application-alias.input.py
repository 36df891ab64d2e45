from .wsgi import application

application.run(port=8000)
