from dash import Dash as D

board = D(__name__)
if __name__ == "__main__":
    board.run(port=8050)
