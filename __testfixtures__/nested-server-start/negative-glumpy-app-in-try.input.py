from glumpy import app, gloo

window = app.Window(width=512, height=512)


@window.event
def on_draw(dt):
    window.clear()


try:
    app.run()
except KeyboardInterrupt:
    pass
