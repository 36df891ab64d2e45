import { describe, expect, it } from "vitest";
import type { Node, Tree } from "web-tree-sitter";
import { normalizeEdits, applyEdits } from "../src/engine/apply-edits.js";
import { Engine } from "../src/engine/engine.js";
import { nodePythonParser } from "../src/node/python-parser.js";
import { parseText } from "../src/engine/parsing.js";
import { topLevelStatements } from "../src/python/import-time.js";
import type { Transform } from "../src/types.js";
import { clearOf, differenceAfterGuarding } from "../src/engine/verify.js";
import { scanPosition } from "../src/line-index.js";
import { changeBetween } from "../src/engine/text-change.js";

const INPUT = 'import flask\napp = flask.Flask(__name__)\nHELP = """\n  usage\n"""\napp.run()  # serve\n';

type Mode = "a fresh parse" | "a parse from the input's edited tree";

/**
 * Why `output` is not `input` with the statements at `guardedIndexes` guarded. `mode`: the output
 * parsed afresh, or (as the engine does) from a copy of the input's tree edited by the one edit
 * that turns the input into the output, with tree-sitter's changed ranges sparing the walk of
 * statements it shows unchanged: every case must come out the same both ways.
 */
async function difference(input: string, output: string, guardedIndexes: number[], mode: Mode): Promise<string | undefined> {
  const parser = await nodePythonParser();
  const before = parseText(parser, input);
  let after: Tree;
  let unchanged: ((node: Node) => boolean) | undefined;
  if (mode === "a fresh parse") after = parseText(parser, output);
  else {
    const edit = changeBetween(input, output);
    const point = (text: string, offset: number) => {
      const { line, column } = scanPosition(text, offset);
      return { row: line, column };
    };
    const edited = before.copy();
    edited.edit({
      startIndex: edit.start,
      oldEndIndex: edit.end,
      newEndIndex: edit.start + edit.text.length,
      startPosition: point(input, edit.start),
      oldEndPosition: point(input, edit.end),
      newEndPosition: point(output, edit.start + edit.text.length),
    });
    after = parseText(parser, output, { old: edited });
    unchanged = clearOf(edited.getChangedRanges(after), [edit]);
    edited.delete();
  }
  try {
    const statements = topLevelStatements(before.rootNode);
    return differenceAfterGuarding(before.rootNode, after.rootNode, guardedIndexes.map((i) => statements[i]!), output, unchanged);
  } finally {
    before.delete();
    after.delete();
  }
}

describe.each(["a fresh parse", "a parse from the input's edited tree"] as const)("differenceAfterGuarding, the output read by %s", (mode) => {
  it("accepts the input with exactly the planned statement under a guard", async () => {
    const output = INPUT.replace("app.run()", 'if __name__ == "__main__":\n    app.run()');
    expect(await difference(INPUT, output, [3], mode)).toBeUndefined();
  });

  it("rejects a guard around another statement", async () => {
    const output = INPUT.replace("import flask\n", 'if __name__ == "__main__":\n    import flask\n');
    expect(await difference(INPUT, output, [3], mode)).toBe("the statement on line 1 would end up under the guard, which it must not");
  });

  it("rejects a changed string literal", async () => {
    const output = INPUT.replace("  usage", "    usage").replace("app.run()", 'if __name__ == "__main__":\n    app.run()');
    expect(await difference(INPUT, output, [3], mode)).toBe("the statement on line 3 would not come through the fix unchanged");
  });

  it("rejects a lost comment", async () => {
    const output = INPUT.replace("app.run()  # serve", 'if __name__ == "__main__":\n    app.run()');
    expect(await difference(INPUT, output, [3], mode)).toBe("the comment on line 6 would not come through the fix unchanged");
  });

  it("rejects output that does not parse", async () => {
    const output = INPUT.replace("app.run()", 'if __name__ == "__main__"\n    app.run()');
    expect(await difference(INPUT, output, [3], mode)).toBe("guarding line 6 would leave a syntax error (invalid syntax) on line 6 of the result");
  });

  it("rejects a body left unindented, which tree-sitter alone would parse as an empty block", async () => {
    const output = INPUT.replace("app.run()", 'if __name__ == "__main__":\napp.run()');
    expect(await difference(INPUT, output, [3], mode)).toBe("guarding line 6 would leave a syntax error (expected an indented block after line 6) on line 7 of the result");
  });

  it("rejects a statement moved under a guard that adds a condition", async () => {
    const input = 'app.run()\nif __name__ == "__main__" and DEBUG:\n    pass\n';
    const output = 'if __name__ == "__main__" and DEBUG:\n    app.run()\n    pass\n';
    expect(await difference(input, output, [0], mode)).toBe("the statement on line 1 would end up under a guard that adds a condition");
  });

  it("rejects statements swallowed by a string the edit opens, though their text is unchanged", async () => {
    const input = "x = 1\ny = 2\ns = 3  # '''\nz = 4\n";
    const output = input.replace("x = 1", "x = '''");
    expect(await difference(input, output, [], mode)).toBe("the statement on line 1 would not come through the fix unchanged");
  });

  it("rejects a statement that went missing", async () => {
    const output = INPUT.replace("app.run()  # serve\n", "# serve\n");
    expect(await difference(INPUT, output, [3], mode)).toBe("the statement on line 6 would be lost");
  });
});

describe("clearOf", () => {
  it("clears a node only away from the changed ranges and from the edits (in the output's offsets)", () => {
    // An edit that replaces [30, 32) of the input by five characters: [30, 35) of the output.
    const clear = clearOf([{ startIndex: 10, endIndex: 20 }], [{ start: 30, end: 32, text: "abcde" }]);
    const node = (startIndex: number, endIndex: number) => ({ startIndex, endIndex }) as Node;
    expect([node(0, 9), node(5, 10), node(20, 25), node(21, 29), node(29, 31), node(35, 40), node(36, 40)].map(clear)).toEqual([
      true,
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
  });
});

describe("the engine", () => {
  it("skips, with the reason, a fix it cannot plan, and returns the input unchanged", async () => {
    // A transform that asks to guard a statement nested in a function: no guard can be planned.
    const nested: Transform = {
      name: "nested",
      rules: [],
      mayMatch: () => true,
      check: ({ root }) => {
        const inner = (root.namedChild(0)!.childForFieldName("body")!.namedChild(0) as Node);
        return [{ rule: "TEST", message: "m", reason: "r", node: inner, fix: { applicability: "safe", statement: inner } }];
      },
    };
    const source = "def f():\n    app.run()\n";
    const result = await Engine.create({ parser: nodePythonParser,  transforms: [nested] }).run(source, "x.py", { fix: true });
    expect(result.output).toBe(source);
    expect(result.applied).toBe(0);
    expect(result.skipped).toEqual({ kind: "unverified", detail: "mainguard found no edit that guards line 2 (only top-level statements can be guarded); please report this" });
  });

  it("reports a syntax error with its 1-based line and column, changing nothing", async () => {
    const source = "from flask import Flask\napp = Flask(__name__)\napp.run(\n";
    const result = await Engine.create({ parser: nodePythonParser,  transforms: (await import("../transforms/index.js")).TRANSFORMS }).run(source, "x.py", { fix: true });
    expect(result).toEqual({ output: source, findings: [], applied: 0, suppressed: 0, skipped: { kind: "syntax-error", line: 3, column: 1, message: "invalid syntax" } });
  });
});

describe("applyEdits", () => {
  it("joins touching edits in plan order and rejects overlapping ones", () => {
    expect(normalizeEdits([{ start: 2, end: 2, text: "b" }, { start: 0, end: 2, text: "X" }, { start: 2, end: 2, text: "c" }])).toEqual([
      { start: 0, end: 2, text: "Xbc" },
    ]);
    expect(() => normalizeEdits([{ start: 0, end: 3, text: "" }, { start: 1, end: 2, text: "" }])).toThrow("overlapping edits");
    expect(applyEdits("a; b\n", [{ start: 1, end: 3, text: "\n" }, { start: 3, end: 3, text: "    " }])).toBe("a\n    b\n");
  });
});
