from flask import Flask as WebApp

site = WebApp(__name__)
if __name__ == "__main__":
    site.run()
