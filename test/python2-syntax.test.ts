/**
 * Python 2 syntax that tree-sitter's grammar still reads (`print "x"`, `exec code`, backquotes,
 * `<>`): Python 3 rejects it, so a file holding it is left untouched with Python's own line,
 * column and words; and what Python 3 reads as an expression (`print >>f, x`, `print -1`) is not
 * mistaken for it. Python's `compile()` gives every expected verdict.
 */
import { expect, it } from "vitest";
import { expectPythonsVerdicts } from "./python-verdicts.js";

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
  expect(await expectPythonsVerdicts(sources, LINES, "mainguard-python2-")).toBe(15);
});
