import uvicorn as uv

uv.run("main:app", reload=True)
