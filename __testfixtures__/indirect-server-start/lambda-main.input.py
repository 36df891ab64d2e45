from flask import Flask

app = Flask(__name__)

main = lambda: app.run(port=5000)

main()
