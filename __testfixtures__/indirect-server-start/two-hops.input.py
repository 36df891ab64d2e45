import uvicorn


def serve(port):
    uvicorn.run("api:app", port=port)


def main():
    serve(8000)


main()
