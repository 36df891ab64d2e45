from inventory import create_app

PORT = 8002; create_app({"DEBUG": True}).run(port=PORT)
