import uvicorn
from fastapi import FastAPI

api = FastAPI()


def main():
    if __name__ == "__main__":
        print("started as a script")
    else:
        uvicorn.run(api, port=8000)


main()
