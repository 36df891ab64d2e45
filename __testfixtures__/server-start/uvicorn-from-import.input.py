from uvicorn import run as serve_forever

serve_forever("service.api:app", port=9000)
