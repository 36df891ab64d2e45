from flask import Flask

a = Flask("a")
b = Flask("b")
c = Flask("c")

if __name__ == "__main__":
    a.run(port=1)

    b.run(port=2)
    c.run(port=3)
