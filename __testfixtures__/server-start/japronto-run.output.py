from japronto import Application


def hello(request):
    return request.Response(text="Hello world!")


app = Application()
app.router.add_route("/", hello)
if __name__ == "__main__":
    app.run(debug=True)
