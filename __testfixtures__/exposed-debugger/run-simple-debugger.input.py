from werkzeug.serving import run_simple

from .wsgi import application

if __name__ == "__main__":
    run_simple("0.0.0.0", 4000, application, use_debugger=True)
