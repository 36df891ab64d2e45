import bottle

site = bottle.default_app()
if __name__ == "__main__":
    site.run(port=8080)
