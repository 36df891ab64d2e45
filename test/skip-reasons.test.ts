import { describe, expect, it } from "vitest";
import type { Node, Parser } from "web-tree-sitter";
import { Engine } from "../src/engine/engine.js";
import { nodePythonParser } from "../src/node/python-parser.js";
import { skipMessage } from "../src/engine/skip-messages.js";
import type { Transform } from "../src/types.js";
import { TRANSFORMS } from "../transforms/index.js";
import { makeTree, runCliBytes } from "./cli-utils.js";

// The parser can only be made to run out of memory by a module far bigger than a test should
// write: text holding this marker fails to parse as web-tree-sitter fails then (it aborts).
const OUT_OF_MEMORY = "# simulate: the parser runs out of memory";
const OUT_OF_MEMORY_ONCE_GUARDED = "# simulate: the fixed file is too big to parse";
const GUARD = 'if __name__ == "__main__":';
/** The real parser, but failing on those texts: the engine takes whatever parser its host hands in. */
async function failingParser(): Promise<Parser> {
  const real = await nodePythonParser();
  const failing = Object.create(real) as Parser;
  failing.parse = (text, old, options) => {
    const source = String(text);
    if (source.includes(OUT_OF_MEMORY)) throw new Error("RuntimeError: Aborted()");
    if (source.includes(`${GUARD}\n    app.run()  ${OUT_OF_MEMORY_ONCE_GUARDED}`)) throw new Error("RuntimeError: Aborted()");
    return real.parse(text, old, options);
  };
  return failing;
}

const FLASK = "from flask import Flask\n\napp = Flask(__name__)\n";

/** A transform that asks to guard the first top-level statement that is a bare `0`. */
const guardZero: Transform = {
  name: "guard-zero",
  rules: [],
  mayMatch: () => true,
  check: ({ root }) => {
    const zero = root.namedChildren.find((node): node is Node => node?.type === "expression_statement" && node.text === "0");
    return zero ? [{ rule: "TEST", message: "m", reason: "r", node: zero, fix: { applicability: "safe", statement: zero } }] : [];
  },
};

/** A transform that asks to guard a statement nested in a function, which no guard can hold. */
const guardNested: Transform = {
  name: "guard-nested",
  rules: [],
  mayMatch: () => true,
  check: ({ root }) => {
    const inner = root.namedChild(0)!.childForFieldName("body")!.namedChild(0)!;
    return [{ rule: "TEST", message: "m", reason: "r", node: inner, fix: { applicability: "safe", statement: inner } }];
  },
};

async function engineReason(source: string, options: { transforms?: Transform[]; condenseAbove?: number } = {}): Promise<string> {
  const engine = Engine.create({ parser: failingParser, transforms: options.transforms ?? TRANSFORMS, condenseAbove: options.condenseAbove });
  const result = await engine.run(source, "app.py", { fix: true });
  expect(result.output).toBe(source);
  return skipMessage(result.skipped!);
}

function cliReason(bytes: Buffer): string {
  const root = makeTree({ "app.py": bytes });
  const stderr = runCliBytes(["--write", "app.py"], root).stderr.toString();
  return stderr.split("\n")[0]!.replace(/^mainguard: app\.py: /, "");
}

/** Every reason a file can be skipped or left unfixed, each from a file that gives it. */
const REASONS: Array<[string, () => Promise<string> | string, string]> = [
  ["a grammar error", () => engineReason(`${FLASK}app.run(\n`), "skipped: syntax error on line 4, column 1: invalid syntax"],
  ["an unexpected indent", () => engineReason(`${FLASK} app.run()\n`), "skipped: syntax error on line 4, column 1: unexpected indent"],
  ["a dedent to no level", () => engineReason(`${FLASK}if app:\n    x = 1\n  app.run()\n`), "skipped: syntax error on line 6, column 12: unindent does not match any outer indentation level"],
  ["tabs and spaces", () => engineReason(`${FLASK}if app:\n        x = 1\n\tapp.run()\n`), "skipped: syntax error on line 6, column 1: inconsistent use of tabs and spaces in indentation"],
  [
    "a dedent that matches no level, after a decorator",
    () => engineReason(`${FLASK}class Root:\n     @staticmethod\n    def f():\n        pass\napp.run()\n`),
    "skipped: syntax error on line 6, column 13: unindent does not match any outer indentation level",
  ],
  ["an empty block", () => engineReason(`${FLASK}if app:\napp.run()\n`), "skipped: syntax error on line 5, column 1: expected an indented block after line 4"],
  ["lines the grammar joins", () => engineReason(`${FLASK}(data):\n    print(data)\napp.run()\n`), "skipped: syntax error on line 4, column 1: invalid syntax"],
  ["a misplaced return", () => engineReason(`${FLASK}return app\napp.run()\n`), "skipped: syntax error on line 4, column 1: 'return' outside function"],
  ["a misplaced await", () => engineReason(`${FLASK}await app.startup()\napp.run()\n`), "skipped: syntax error on line 4, column 1: 'await' outside function"],
  ["a positional argument after a keyword one", () => engineReason(`${FLASK}app.run(\n    debug=True,\n    main()\n)\n`), "skipped: syntax error on line 7, column 1: positional argument follows keyword argument"],
  ["a positional argument after **", () => engineReason(`${FLASK}app.run(**options, port)\n`), "skipped: syntax error on line 4, column 24: positional argument follows keyword argument unpacking"],
  ["*iterable after **", () => engineReason(`${FLASK}app.run(**options, *more)\n`), "skipped: syntax error on line 4, column 20: iterable argument unpacking follows keyword argument unpacking"],
  ["a try with no handler", () => engineReason(`${FLASK}try:\n    import config\napp.run()\n`), "skipped: syntax error on line 6, column 1: expected 'except' or 'finally' block"],
  ["a string prefix Python does not know", () => engineReason(`${FLASK}app.run(host=h"0.0.0.0")\n`), "skipped: syntax error on line 4, column 14: invalid syntax"],
  ["a backslash before the end of the file", () => engineReason(`${FLASK}app.run() \\\n`), "skipped: syntax error on line 4, column 1: unexpected EOF while parsing"],
  ["a non-printable space", () => engineReason(`${FLASK}x = 1\x0b+ 2\napp.run()\n`), "skipped: syntax error on line 4, column 6: invalid non-printable character U+000B"],
  ["a lone CR", () => engineReason(`${FLASK}x = 1\rapp.run()\n`), "skipped: a lone carriage return (CR) ends line 4, and Python and the grammar read such line ends differently"],
  [
    "a parser out of memory",
    () => engineReason(`${FLASK}${OUT_OF_MEMORY}\napp.run()\n`),
    "skipped: the parser ran out of memory reading the 99 bytes of statements from line 1 on",
  ],
  [
    "a parser out of memory in a slice of a big module",
    () => engineReason(`${FLASK}\n\ndef helper():\n    return 1\n\n\napp.run()  ${OUT_OF_MEMORY}\n`, { condenseAbove: 0 }),
    "skipped: the parser ran out of memory reading the 131 bytes of statements from line 1 on",
  ],
  [
    "a parser out of memory on the fixed file",
    () => engineReason(`${FLASK}app.run()  ${OUT_OF_MEMORY_ONCE_GUARDED}\n`),
    "not fixed: guarding line 4 gives a file too big for the parser to read again and verify",
  ],
  [
    "a fix that cannot be planned",
    () => engineReason("def f():\n    app.run()\n", { transforms: [guardNested] }),
    "not fixed: mainguard found no edit that guards line 2 (only top-level statements can be guarded); please report this",
  ],
  [
    "a fix that would touch a function not read",
    // Read as a big module: the function is blanked, and its placeholder is a bare `0`.
    () => engineReason(`${FLASK}def helper():\n    return 1\n`, { transforms: [guardZero], condenseAbove: 0 }),
    "not fixed: guarding line 4 would change a function or class mainguard did not read (this file is too big to read whole)",
  ],
  ["a NUL byte", () => cliReason(Buffer.from(`${FLASK}app.run()\0\n`)), "skipped: line 4 holds a NUL byte, so this is a binary file, not Python source"],
  ["an encoding it cannot write", () => cliReason(Buffer.from(`# coding: utf-16\n${FLASK}app.run()\n`)), "skipped: line 1 declares the encoding utf-16, which mainguard cannot write back byte for byte"],
  ["bytes that are not UTF-8", () => cliReason(Buffer.concat([Buffer.from(`${FLASK}app.run()  # `), Buffer.from([0xe9, 0x0a])])), "skipped: line 4 is not valid UTF-8, and the file declares no other encoding (PEP 263)"],
  [
    "bytes that are not the declared UTF-8",
    () => cliReason(Buffer.concat([Buffer.from(`# -*- coding: utf-8 -*-\n${FLASK}app.run()  # `), Buffer.from([0xe9, 0x0a])])),
    "skipped: line 5 is not valid utf-8, the encoding line 1 declares",
  ],
];

describe("every reason a file is skipped or not fixed", () => {
  it.each(REASONS)("%s", async (_what, produce, expected) => {
    const message = await produce();
    expect(message).toBe(expected);
    // Each names a line of the user's file and reads as a sentence about it, not about the engine.
    expect(message).toMatch(/^(skipped|not fixed): .*\bline \d+\b/);
    expect(message).not.toMatch(/\bstatement \d|planned guard|\bnode\b|tree-sitter|offsets?\b|undefined|\[object/);
  });
});
