from werkzeug.serving import run_simple
from werkzeug.wrappers import Response


def application(environ, start_response):
    return Response("Hello")(environ, start_response)


if __name__ == "__main__":
    run_simple("localhost", 4000, application, use_reloader=True)
