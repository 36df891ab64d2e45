from flask import Flask as WebApp

site = WebApp(__name__)
site.run()
