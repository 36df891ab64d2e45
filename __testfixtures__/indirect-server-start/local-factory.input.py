from myservice import create_app


def run_dev_server():
    app = create_app("dev")
    app.run(port=5001)


run_dev_server()
