import subprocess

subprocess.run(["flask", "run"], check=True)
