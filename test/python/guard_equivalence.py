"""Checks, with Python's own parser, that each rewritten file is its original with some top-level
statements moved under `if __name__ == "__main__":` and nothing else changed.

usage: guard_equivalence.py BEFORE AFTER [BEFORE AFTER ...]
Prints one JSON object per pair: {"before", "after", "ok", "reason", "newly_guarded"}.
Exits 1 when any pair fails.
"""
import ast
import json
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


def check(before_path, after_path):
    with open(before_path, "rb") as f:
        before = ast.parse(f.read())
    try:
        with open(after_path, "rb") as f:
            after = ast.parse(f.read())
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
        failed |= not ok
        print(json.dumps({"before": before, "after": after, "ok": ok, "reason": reason, "newly_guarded": newly}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
