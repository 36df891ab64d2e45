import bottle

site = bottle.default_app()
site.run(port=8080)
