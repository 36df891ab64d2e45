from sanic import Sanic

app = Sanic("hello")

if __name__ == "__main__":
    app.run(port=8000)
