from myservice import create_app

service = create_app("production")
if __name__ == "__main__":
    service.run(port=8000)
