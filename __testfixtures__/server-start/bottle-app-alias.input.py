import bottle as bt

web = bt.Bottle()
web.run(port=8080)
