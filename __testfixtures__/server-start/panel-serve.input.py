import panel as pn

slider = pn.widgets.IntSlider(name="n", start=0, end=10)
dashboard = pn.Column(slider, pn.bind(lambda n: n * n, slider))

pn.serve(dashboard, port=5006)
