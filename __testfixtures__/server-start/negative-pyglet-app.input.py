import pyglet
from pyglet import app

window = pyglet.window.Window()


@window.event
def on_draw():
    window.clear()


app.run()
