from dash import Dash

app = Dash(__name__)

if __name__ == "__main__":
    app.run_server(debug=True)
