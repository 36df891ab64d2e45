from flask import jsonify
from myproject import app

app.run(debug=True)
