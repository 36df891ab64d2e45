from myservice import create_app

service = create_app("production")
service.run(port=8000)
