from myservice.factory import make_app

make_app().run(debug=True)
