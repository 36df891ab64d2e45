from dash import Dash as D

board = D(__name__)
board.run(port=8050)
