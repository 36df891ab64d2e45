import bottle as bt

web = bt.Bottle()
if __name__ == "__main__":
    web.run(port=8080)
