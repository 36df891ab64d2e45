# guikit is a package, not a module beside this file: its app runs a window's event loop.
from guikit import app, window

window.Window(title="demo")
app.run()
