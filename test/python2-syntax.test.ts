/**
 * Python 2 syntax that tree-sitter's grammar still reads (`print "x"`, `exec code`, backquotes,
 * `<>`): Python 3 rejects it, so a file holding it is left untouched with Python's own line,
 * column and words; and what Python 3 reads as an expression (`print >>f, x`, `print -1`) is not
 * mistaken for it. Python's `compile()` gives every expected verdict.
 */
import { expect, it } from "vitest";
import { Engine } from "../src/engine/engine.js";
import { nodePythonParser } from "../src/node/python-parser.js";
import { TRANSFORMS } from "../transforms/index.js";
import { compileVerdicts } from "./python-verdicts.js";

const FLASK = "from flask import Flask\n\napp = Flask(__name__)\n";
const LINES = [
  'print "starting"',
  "print app",
  "    print app.name",
  "print {1}",
  "print not app",
  "print app if app else None",
  'print f"{app}"',
  "print app, 1",
  'exec "import os"',
  "exec code in namespace",
  "name = `app`",
  "print `app`",
  "same = 1 <> 2",
  'print "a"; x = 1 <> 2',
  "x = 1 <> 2; print 'a'",
  // Python 3 reads these as expressions: not errors.
  'print >>sys.stderr, "x"',
  "print -1",
  "print +app",
  "print [1]",
  "print (app)",
  "print",
  "exec (code)",
  'x = "print `no` <> 3"  # print `no`',
];

it("leaves each file Python 3 rejects untouched with Python's line, column and message, and fixes the others", async () => {
  const sources = LINES.map((line) => `${FLASK}${line.startsWith(" ") ? `if app:\n${line}\n` : `${line}\n`}app.run()\n`);
  const { paths, verdicts } = compileVerdicts(sources, "mainguard-python2-");
  const engine = Engine.create({ parser: nodePythonParser, transforms: TRANSFORMS });
  let rejected = 0;
  for (const [i, source] of sources.entries()) {
    const result = await engine.run(source, paths[i]!, { fix: true });
    const verdict = verdicts[i]!;
    if (verdict.ok) {
      expect(result.skipped, LINES[i]).toBeUndefined();
      expect(result.applied, LINES[i]).toBe(1);
      continue;
    }
    rejected++;
    expect(result.skipped, LINES[i]).toEqual({ kind: "syntax-error", line: verdict.line, column: verdict.column, message: verdict.message });
    expect(result.output, LINES[i]).toBe(source);
  }
  expect(rejected).toBe(15);
});
