import uvicorn as uv

if __name__ == "__main__":
    uv.run("main:app", reload=True)
