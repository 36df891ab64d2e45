import { describe, expect, it } from "vitest";
import type { Node } from "web-tree-sitter";
import { normalizeEdits, applyEdits } from "../src/engine/apply-edits.js";
import { Engine } from "../src/engine/engine.js";
import { nodePythonParser } from "../src/node/python-parser.js";
import { parseText } from "../src/engine/parsing.js";
import { topLevelStatements } from "../src/python/import-time.js";
import type { Transform } from "../src/types.js";
import { differenceAfterGuarding } from "../src/engine/verify.js";

const INPUT = 'import flask\napp = flask.Flask(__name__)\nHELP = """\n  usage\n"""\napp.run()  # serve\n';

async function difference(input: string, output: string, guardedIndexes: number[]): Promise<string | undefined> {
  const parser = await nodePythonParser();
  const before = parseText(parser, input);
  const after = parseText(parser, output);
  try {
    const statements = topLevelStatements(before.rootNode);
    return differenceAfterGuarding(before.rootNode, after.rootNode, guardedIndexes.map((i) => statements[i]!), output);
  } finally {
    before.delete();
    after.delete();
  }
}

describe("differenceAfterGuarding", () => {
  it("accepts the input with exactly the planned statement under a guard", async () => {
    const output = INPUT.replace("app.run()", 'if __name__ == "__main__":\n    app.run()');
    expect(await difference(INPUT, output, [3])).toBeUndefined();
  });

  it("rejects a guard around another statement", async () => {
    const output = INPUT.replace("import flask\n", 'if __name__ == "__main__":\n    import flask\n');
    expect(await difference(INPUT, output, [3])).toBe("the statement on line 1 would end up under the guard, which it must not");
  });

  it("rejects a changed string literal", async () => {
    const output = INPUT.replace("  usage", "    usage").replace("app.run()", 'if __name__ == "__main__":\n    app.run()');
    expect(await difference(INPUT, output, [3])).toBe("the statement on line 3 would not come through the fix unchanged");
  });

  it("rejects a lost comment", async () => {
    const output = INPUT.replace("app.run()  # serve", 'if __name__ == "__main__":\n    app.run()');
    expect(await difference(INPUT, output, [3])).toBe("the comment on line 6 would not come through the fix unchanged");
  });

  it("rejects output that does not parse", async () => {
    const output = INPUT.replace("app.run()", 'if __name__ == "__main__"\n    app.run()');
    expect(await difference(INPUT, output, [3])).toBe("guarding line 6 would leave a syntax error (invalid syntax) on line 6 of the result");
  });

  it("rejects a body left unindented, which tree-sitter alone would parse as an empty block", async () => {
    const output = INPUT.replace("app.run()", 'if __name__ == "__main__":\napp.run()');
    expect(await difference(INPUT, output, [3])).toBe("guarding line 6 would leave a syntax error (expected an indented block after line 6) on line 7 of the result");
  });

  it("rejects a statement moved under a guard that adds a condition", async () => {
    const input = 'app.run()\nif __name__ == "__main__" and DEBUG:\n    pass\n';
    const output = 'if __name__ == "__main__" and DEBUG:\n    app.run()\n    pass\n';
    expect(await difference(input, output, [0])).toBe("the statement on line 1 would end up under a guard that adds a condition");
  });

  it("rejects a statement that went missing", async () => {
    const output = INPUT.replace("app.run()  # serve\n", "# serve\n");
    expect(await difference(INPUT, output, [3])).toBe("the statement on line 6 would be lost");
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
