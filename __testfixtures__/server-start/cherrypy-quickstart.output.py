import cherrypy


class Root:
    @cherrypy.expose
    def index(self):
        return "Hello"


if __name__ == "__main__":
    cherrypy.quickstart(Root(), "/")
