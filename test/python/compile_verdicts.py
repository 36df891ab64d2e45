"""Python's own verdict on each file: does compile() accept it, and if not, where does it stop.

usage: compile_verdicts.py FILE [FILE ...]
Prints one JSON object per file: {"path", "ok", "line", "column", "message", "unit"}, where "unit"
is the file's indent unit as Python's tokenizer sees it (the white space of its first INDENT token
after the last form feed; null when nothing is indented or the file does not compile).
"""
import io
import json
import sys
import tokenize


def indent_unit(source):
    try:
        for token in tokenize.tokenize(io.BytesIO(source).readline):
            if token.type == tokenize.INDENT:
                return token.string.rsplit("\f", 1)[-1]
    except (tokenize.TokenError, SyntaxError):
        return None
    return None


def verdict(path):
    with open(path, "rb") as f:
        source = f.read()
    try:
        compile(source, path, "exec", dont_inherit=True)
    except SyntaxError as error:
        return {"path": path, "ok": False, "line": error.lineno, "column": error.offset, "message": error.msg, "unit": None}
    except ValueError as error:  # a NUL byte
        return {"path": path, "ok": False, "line": None, "column": None, "message": str(error), "unit": None}
    return {"path": path, "ok": True, "line": None, "column": None, "message": "", "unit": indent_unit(source)}


if __name__ == "__main__":
    for path in sys.argv[1:]:
        print(json.dumps(verdict(path)))
