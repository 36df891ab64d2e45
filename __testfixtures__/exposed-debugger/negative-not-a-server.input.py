import subprocess

subprocess.run(["serve", "--host", "0.0.0.0"], debug=True)
