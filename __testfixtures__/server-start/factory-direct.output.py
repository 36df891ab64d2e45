from myservice.factory import make_app

if __name__ == "__main__":
    make_app().run(debug=True)
