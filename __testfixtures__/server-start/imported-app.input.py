from .myproject import app

app.run(debug=True)
