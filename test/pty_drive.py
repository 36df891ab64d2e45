"""Drives a command in a real pseudo-terminal, answering its per-file prompts.

usage: pty_drive.py CWD ANSWERS_JSON -- COMMAND...
ANSWERS_JSON is a list of strings; once the review has begun ("file 1 of n"), each is typed (then
Enter) when the terminal has been quiet for a moment, i.e. a prompt is waiting; an answer
"append:PATH" instead appends a comment line to PATH (a file edited while the prompt waits). The command is
killed after TIMEOUT seconds. Prints JSON {"status": exit code, "output": everything the terminal showed}.
"""
import json
import os
import pty
import select
import signal
import sys
import time

TIMEOUT = 20
QUIET = 0.4


def main(argv):
    cwd, answers = argv[0], json.loads(argv[1])
    command = argv[argv.index("--") + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        env = dict(os.environ, TERM="xterm", COLUMNS="120", LINES="40")
        env.pop("NO_COLOR", None)
        env.pop("FORCE_COLOR", None)
        env.pop("CI", None)
        os.execvpe(command[0], command, env)
    output = b""
    deadline = time.time() + TIMEOUT
    last_output = time.time()
    answered = 0
    exited = False
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                exited = True
                break
            output += chunk
            last_output = time.time()
        # Answer once the review has begun and the terminal has been quiet (the prompt is waiting).
        if answered < len(answers) and b"file 1 of " in output and time.time() - last_output > QUIET:
            if answers[answered].startswith("append:"):
                # Edit a file while the prompt waits, as a user might in another window.
                with open(os.path.join(cwd, answers[answered][len("append:"):]), "a") as f:
                    f.write("# edited meanwhile\n")
                answered += 1
                continue
            os.write(fd, answers[answered].encode())
            time.sleep(0.05)
            os.write(fd, b"\r")
            answered += 1
            last_output = time.time()
    if not exited:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    print(json.dumps({"status": os.waitstatus_to_exitcode(status), "answered": answered, "output": output.decode("utf-8", "replace")}))


if __name__ == "__main__":
    main(sys.argv[1:])
