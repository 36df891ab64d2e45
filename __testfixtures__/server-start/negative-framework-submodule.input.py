from flask import app

app.run()
