from . import app
from .views import routes  # noqa: F401

app.run(debug=True)
