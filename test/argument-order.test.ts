/**
 * Lists the grammar reads but Python rejects for their order: a positional argument after a
 * keyword one or after `**`, `*` after `**`, a repeated keyword, a parameter without a default
 * after one with a default. A file holding one is left untouched, in a check as in a fix, with
 * Python's own line, column and words; the orders Python accepts are fixed as usual. Python's
 * `compile()` gives every expected verdict, and a file can only be judged right if the text
 * names its list as a suspect (see argumentOrderSuspects).
 */
import { expect, it } from "vitest";
import { Engine } from "../src/engine/engine.js";
import { nodePythonParser } from "../src/node/python-parser.js";
import { argumentOrderSuspects } from "../src/python/argument-suspects.js";
import { TRANSFORMS } from "../transforms/index.js";
import { compileVerdicts } from "./python-verdicts.js";

const FLASK = "from flask import Flask\n\napp = Flask(__name__)\n";
const LINES = [
  // Python rejects these.
  "print(end='', 1)",
  "print(sep='', end='',\n      'x')",
  "print(**options, 1)",
  "print(*a, **options, *b)",
  "print(a=1, a=2)",
  "print(a=1, *rest, a=2)",
  "print(a=1, b=2, a=3)",
  "print(a=print(b=1, b=2), 3)",
  "print(x=1)(y=1, y=2)",
  "def f(a=1, b): pass",
  "def f(a: int = 1, b: str): pass",
  "def f(a=1, /, b): pass",
  "def f(\n    a=1,\n    b,\n): pass",
  "g = lambda a=1, b: 0",
  "print(key=lambda a=1, b: a)",
  "@print(a=1, 2)\ndef f(): pass",
  "class A(object, metaclass=type, print): pass",
  "print(a=1, print)  # print(a=1, b)",
  "print(a=1, 'two')",
  "print(a=1, f'{x}')",
  "print(a=1,  # a comment\n      2)",
  "print(**options, a=1, 2)",
  // Python accepts these.
  "print(1, end='')",
  "print(*a, end='', *b)",
  "print(end='', *a)",
  "print(**options, a=1)",
  "print(a=1, **options, b=2)",
  "print(a=1, b=2)",
  "print(a == 1, 2)",
  "print(a <= 1, 2)",
  "print((a := 1), 2)",
  "print(x for x in [1])",
  "def f(a, b=1, *args, c, d=2, **kw): pass",
  "def f(a=1, *, b): pass",
  "def f(a=1, *args: int, b): pass",
  "def f(a: dict[str, int] = {}, b: int = 2): pass",
  "def f(a: 'x, y' = 1, b=2) -> 'int, c': pass",
  "g = lambda a, b=1: a",
  "g = lambda: 0",
  "g = {'a': 1, 'b': (2, 3)}",
  "print(key=lambda a, b=1: a, end='')",
  "print('a=1, 2', x='(')",
  "print(a=1)  # print(a=1, 2)",
  'print(a="""\n1, 2)""", b=2)',
  "print(a=1, b=(1, 2))",
  "x = [print(a=1), 2]",
  "x = (print(a=1), 2)",
  "print(a=1, b=[2, 3], c={4: 5})",
  "print(a=1, b=x[1:2], c=2)",
  "print(a=1,)",
];

it("leaves each file Python rejects for an argument's or a parameter's place untouched, with Python's line, column and message", async () => {
  const sources = LINES.map((line) => `${FLASK}${line}\napp.run()\n`);
  const { paths, verdicts } = compileVerdicts(sources, "mainguard-order-");
  const engine = Engine.create({ parser: nodePythonParser, transforms: TRANSFORMS });
  let rejected = 0;
  for (const [i, source] of sources.entries()) {
    const verdict = verdicts[i]!;
    for (const fix of [false, true]) {
      const result = await engine.run(source, paths[i]!, { fix });
      if (verdict.ok) {
        expect(result.skipped, LINES[i]).toBeUndefined();
        expect(result.findings.map((finding) => finding.rule), LINES[i]).toEqual(["MG001"]);
        if (fix) expect(result.applied, LINES[i]).toBe(1);
        continue;
      }
      expect(result.skipped, LINES[i]).toEqual({ kind: "syntax-error", line: verdict.line, column: verdict.column, message: verdict.message });
      expect(result.output, LINES[i]).toBe(source);
    }
    if (!verdict.ok) rejected++;
  }
  expect(rejected).toBe(22);
});

it("names no suspect in a file whose keywords all come last, so its tree is not asked", () => {
  const routes = Array.from({ length: 50 }, (_, r) => `@app.route("/${r}", methods=["GET"])\ndef view_${r}():\n    return jsonify(id=${r}, name="x, y", values=[1, 2], **extra)\n`);
  const suspects = argumentOrderSuspects;
  expect(suspects(`${FLASK}${routes.join("\n")}\napp.run(host="0.0.0.0", port=8000)\n`)).toEqual([]);
  expect(suspects("print(a=1, 2)\n")).toEqual([11]);
  expect(suspects("def f(a=1, b): pass\n")).toEqual([11]);
  expect(suspects("g = lambda a=1, b: 0\n")).toEqual([16]);
  // At the very start of the text too.
  expect(suspects("def f(a: int = 1, b): pass\n")).toEqual([18]);
  expect(suspects("lambda a=1, b: 0\n")).toEqual([12]);
});
