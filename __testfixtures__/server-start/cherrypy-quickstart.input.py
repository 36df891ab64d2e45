import cherrypy


class Root:
    def index(self):
        return "Hello"

    index.exposed = True


cherrypy.quickstart(Root(), "/")
