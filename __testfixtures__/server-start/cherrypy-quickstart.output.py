import cherrypy


class Root:
    def index(self):
        return "Hello"

    index.exposed = True


if __name__ == "__main__":
    cherrypy.quickstart(Root(), "/")
