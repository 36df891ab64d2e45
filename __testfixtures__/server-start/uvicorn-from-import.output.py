from uvicorn import run as serve_forever

if __name__ == "__main__":
    serve_forever("service.api:app", port=9000)
