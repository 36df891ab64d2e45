from tasks import Worker

app = Worker()
app.run()
