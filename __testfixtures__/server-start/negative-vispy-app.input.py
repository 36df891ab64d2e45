import numpy as np
from vispy import app, scene

canvas = scene.SceneCanvas(keys="interactive", show=True)
view = canvas.central_widget.add_view()
scene.visuals.Markers(parent=view.scene).set_data(np.random.normal(size=(100, 2)))

app.run()
