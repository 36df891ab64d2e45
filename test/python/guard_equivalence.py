"""Checks, with Python's own parser, that each rewritten file is its original with some top-level
statements moved under `if __name__ == "__main__":` and nothing else changed.

usage: guard_equivalence.py BEFORE AFTER [BEFORE AFTER ...]
Prints one JSON object per pair: {"before", "after", "ok", "reason", "newly_guarded"}; "ok" is
false when Python rejects the input: a file Python rejects must never be rewritten.
Exits 1 when any pair fails.
"""
import ast
import json
import re
import sys


def is_main_compare(node):
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq)):
        return False
    a, b = node.left, node.comparators[0]
    def name(n): return isinstance(n, ast.Name) and n.id == "__name__"
    def main(n): return isinstance(n, ast.Constant) and n.value == "__main__"
    return (name(a) and main(b)) or (name(b) and main(a))


def mentions_main(node):
    if is_main_compare(node):
        return True
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        return any(mentions_main(v) for v in node.values)
    return False


def flatten(tree):
    flat = []
    for stmt in tree.body:
        if isinstance(stmt, ast.If) and not stmt.orelse and mentions_main(stmt.test):
            guard = "plain" if is_main_compare(stmt.test) else ast.dump(stmt.test)
            flat.extend((ast.dump(child), guard) for child in stmt.body)
        else:
            flat.append((ast.dump(stmt), ""))
    return flat


QUOTE = "[rRuU]?(\"\"\"|'''|\"|')"
MAIN_TEST = r"(__name__\s*==\s*" + QUOTE + r"__main__\2|" + QUOTE + r"__main__\3\s*==\s*__name__)"
GUARD_LINE = re.compile(r"^[ \t]*if\s*\(?\s*" + MAIN_TEST + r"\s*\)?\s*:[ \t]*(#.*)?$", re.M)
GUARD_TEXT = re.compile(r"if\(?" + MAIN_TEST + r"\)?:")


def characters(text):
    """The text with guard headers (and comments on their lines), white space and `;` removed.
    A lone CR ends a line in Python, so it does here too."""
    text = re.sub(r"\r(?!\n)", "\n", text)
    return GUARD_TEXT.sub("", re.sub(r"[\s;]", "", GUARD_LINE.sub("", text)))


def lines_faithful(before_bytes, after_bytes):
    """The files differ only in white space, `;` and guard headers: a check that needs no parser,
    for inputs Python 3 cannot parse (Python 2 files)."""
    if characters(before_bytes.decode("latin-1")) != characters(after_bytes.decode("latin-1")):
        return "the text changed beyond indentation, line breaks, `;` and guard headers"
    return ""


def decoded(data):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def check(before_path, after_path):
    with open(before_path, "rb") as f:
        before_bytes = f.read()
    with open(after_path, "rb") as f:
        after_bytes = f.read()
    faithful = lines_faithful(before_bytes, after_bytes)
    if faithful:
        return False, faithful, 0
    try:
        # As text: the syntax is judged here; a coding declaration is the reader's business.
        compile(decoded(before_bytes), before_path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        return False, f"Python rejects the input ({error}), yet it was rewritten", 0
    before = ast.parse(decoded(before_bytes))
    try:
        after = ast.parse(decoded(after_bytes))
    except SyntaxError as error:
        return False, f"does not parse: {error}", 0
    expected, actual = flatten(before), flatten(after)
    if len(expected) != len(actual):
        return False, f"{len(actual)} statements, expected {len(expected)}", 0
    newly = 0
    for i, ((dump_b, guard_b), (dump_a, guard_a)) in enumerate(zip(expected, actual)):
        if dump_b != dump_a:
            return False, f"statement {i + 1} changed", 0
        if guard_b != guard_a:
            if guard_b == "" and guard_a == "plain":
                newly += 1
            else:
                return False, f"statement {i + 1}: guard {guard_b!r} became {guard_a!r}", 0
    return True, "", newly


def main(argv):
    failed = False
    for before, after in zip(argv[0::2], argv[1::2]):
        ok, reason, newly = check(before, after)
        failed |= ok is False
        print(json.dumps({"before": before, "after": after, "ok": ok, "reason": reason, "newly_guarded": newly}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
