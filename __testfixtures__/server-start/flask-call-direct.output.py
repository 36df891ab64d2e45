from flask import Flask

if __name__ == "__main__":
    Flask(__name__).run()
