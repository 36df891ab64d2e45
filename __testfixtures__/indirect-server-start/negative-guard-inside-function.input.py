from dash import Dash, html


def main():
    app = Dash(__name__)
    app.layout = html.Div("Hello")

    @app.callback()
    def update():
        return None

    if __name__ == '__main__':
        app.run(debug=True)


main()
