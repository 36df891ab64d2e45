/**
 * The library as an editor or a page uses it (src/core.ts): an analysis of one text, with each
 * diagnostic's range in three encodings, its own verified fix, a suppression edit; the fix of
 * all with what remains; updates by text edits with an incremental re-parse.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Parser, Tree } from "web-tree-sitter";
import { createAnalyzer, type Analysis, type Edit } from "../src/core.js";
import { nodePythonParser } from "../src/node/python-parser.js";

const apply = (text: string, edits: readonly Edit[]) =>
  [...edits].sort((a, b) => b.start - a.start).reduce((out, edit) => out.slice(0, edit.start) + edit.text + out.slice(edit.end), text);

const open: Analysis[] = [];
async function analyze(source: string, options: { unsafeFixes?: boolean; parser?: Parser } = {}): Promise<Analysis> {
  const analyzer = createAnalyzer({ parser: options.parser ?? (await nodePythonParser()), unsafeFixes: options.unsafeFixes });
  const analysis = await analyzer.analyze(source, "app.py");
  open.push(analysis);
  return analysis;
}
afterEach(() => open.splice(0).forEach((analysis) => analysis.dispose()));

const FLASK = "from flask import Flask\napp = Flask(__name__)\n";

describe("an analysis", () => {
  it("gives each diagnostic's place in UTF-16, UTF-8 and code points, after CJK, an emoji and a tab", async () => {
    const source = `${FLASK}x = "日本😀"; app.run()\n\tpass\n`.replace("\tpass\n", "");
    const analysis = await analyze(source);
    const [diagnostic] = analysis.diagnostics;
    expect(diagnostic!.rule).toBe("MG001");
    const prefix = 'x = "日本😀"; ';
    expect(diagnostic!.start).toEqual({ line: 2, utf16: prefix.length, utf8: new TextEncoder().encode(prefix).length, codePoints: [...prefix].length });
    expect(source.slice(diagnostic!.range.start, diagnostic!.range.end)).toBe("app.run()");
    expect(analysis.lines.offsetAt(2, diagnostic!.start.utf8, "utf-8")).toBe(diagnostic!.range.start);
    expect(analysis.lines.offsetAt(2, diagnostic!.start.codePoints, "utf-32")).toBe(diagnostic!.range.start);
  });

  it("hands out each diagnostic's own verified fix, and the fix of all with what remains at the output's positions", async () => {
    const source = `${FLASK}app.run(host="0.0.0.0", debug=True)\n`;
    const analysis = await analyze(source);
    expect(analysis.diagnostics.map((d) => [d.rule, d.applicability, d.enabled])).toEqual([["MG001", "safe", true], ["MG101", undefined, false]]);
    const fix = analysis.fix(analysis.diagnostics[0]!)!;
    expect(fix.applicability).toBe("safe");
    const guarded = `${FLASK}if __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n`;
    expect(apply(source, fix.edits)).toBe(guarded);
    expect(analysis.fix(analysis.diagnostics[1]!)).toBeUndefined();
    const all = analysis.fixAll();
    expect(all.output).toBe(guarded);
    expect(apply(source, all.edits)).toBe(guarded);
    expect(all.applied.map((d) => d.rule)).toEqual(["MG001"]);
    expect(all.remaining.map((d) => [d.rule, d.start.line, d.start.utf16])).toEqual([["MG101", 3, 4]]);
  });

  it("fixes a start together with the starts on its line, as fixAll does, rather than split the line", async () => {
    const source = `${FLASK}api = Flask("api")\napp.run(port=1); api.run(port=2)\nif True:\n    app.run()\n`;
    const analysis = await analyze(source);
    const [first, second, nested] = analysis.diagnostics;
    expect([first!.rule, second!.rule, nested!.rule]).toEqual(["MG001", "MG001", "MG002"]);
    const guarded = `${FLASK}api = Flask("api")\nif __name__ == "__main__":\n    app.run(port=1); api.run(port=2)\nif True:\n    app.run()\n`;
    expect(apply(source, analysis.fix(first!)!.edits)).toBe(guarded);
    expect(apply(source, analysis.fix(second!)!.edits)).toBe(guarded);
    expect(analysis.fixAll().output).toBe(guarded);
  });

  it("applies unsafe fixes only when the settings or the call enable them", async () => {
    const source = `${FLASK}try:\n    app.run()\nexcept KeyError:\n    pass\n`;
    const safe = await analyze(source);
    expect(safe.diagnostics.map((d) => [d.rule, d.applicability, d.enabled])).toEqual([["MG002", "unsafe", false]]);
    expect(safe.fixAll().applied).toEqual([]);
    expect(safe.fixAll({ unsafe: true }).output).toMatch(/^if __name__ == "__main__":\n {4}try:\n/m);
    const unsafe = await analyze(source, { unsafeFixes: true });
    expect(unsafe.fixAll().output).toBe(safe.fixAll({ unsafe: true }).output);
  });

  it("gives a suppression edit, merged into an ignore comment already there, that silences the diagnostic", async () => {
    const plain = `${FLASK}app.run(host="0.0.0.0", debug=True)  \n`;
    const analysis = await analyze(plain);
    const [mg001, mg101] = analysis.diagnostics;
    expect(mg001!.suppression).toEqual({ start: plain.indexOf(")  \n") + 1, end: plain.indexOf(")  \n") + 1, text: "  # mainguard: ignore[MG001]" });
    const silenced = apply(plain, [mg001!.suppression]);
    const again = await analyze(silenced);
    expect(again.diagnostics.map((d) => d.rule)).toEqual(["MG101"]);
    expect(again.suppressed).toBe(1);
    const both = apply(silenced, [again.diagnostics[0]!.suppression]);
    expect(both).toBe(`${FLASK}app.run(host="0.0.0.0", debug=True)  # mainguard: ignore[MG001, MG101]  \n`);
    expect((await analyze(both)).diagnostics).toEqual([]);
    expect(mg101!.suppression.text).toBe("  # mainguard: ignore[MG101]");
  });

  it("puts the suppression on the call's last line when its first ends inside a string", async () => {
    const source = `${FLASK}app.run(host="""0.0.0.0
""")
`;
    const [diagnostic] = (await analyze(source)).diagnostics;
    const silenced = apply(source, [diagnostic!.suppression]);
    expect(silenced).toBe(`${FLASK}app.run(host="""0.0.0.0\n""")  # mainguard: ignore[MG001]\n`);
    expect((await analyze(silenced)).diagnostics).toEqual([]);
  });

  it("is updated by text edits, re-parsing with the old tree, and deletes the trees it replaces", async () => {
    const real = await nodePythonParser();
    const parses: Array<{ old: boolean }> = [];
    const deleted: Tree[] = [];
    const counting = Object.create(real) as Parser;
    counting.parse = (text, old, options) => {
      parses.push({ old: old !== null && old !== undefined });
      const tree = real.parse(text, old, options)!;
      const free = tree.delete.bind(tree);
      tree.delete = () => {
        deleted.push(tree);
        free();
      };
      return tree;
    };
    const analysis = await analyze(`${FLASK}app.run()\n`, { parser: counting });
    expect(analysis.diagnostics.map((d) => [d.rule, d.start.line, d.start.utf16])).toEqual([["MG001", 2, 0]]);
    // Text inserted before the call: its position moves with it.
    analysis.update([{ start: 0, end: 0, text: "# 日本\n" }]);
    expect(analysis.diagnostics.map((d) => [d.rule, d.start.line])).toEqual([["MG001", 3]]);
    // Typing inside the call: the start now exposes the debugger too.
    const at = analysis.source.indexOf("app.run()") + "app.run(".length;
    analysis.update([{ start: at, end: at, text: 'host="0.0.0.0", ' }, { start: at + 'host="0.0.0.0", '.length, end: at + 'host="0.0.0.0", '.length, text: "debug=True" }]);
    expect(analysis.source).toBe(`# 日本\n${FLASK}app.run(host="0.0.0.0", debug=True)\n`);
    expect(analysis.diagnostics.map((d) => [d.rule, d.start.line])).toEqual([["MG001", 3], ["MG101", 3]]);
    expect(analysis.fixAll().output).toBe(`# 日本\n${FLASK}if __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n`);
    // One parse at first, one per update (reusing the tree it replaces, which is deleted), one to
    // verify the fix (from a copy of the tree, edited by the fix).
    expect(parses).toEqual([{ old: false }, { old: true }, { old: true }, { old: true }]);
    expect(deleted).toHaveLength(3);
    analysis.dispose();
    expect(deleted).toHaveLength(4);
  });

  it("after any sequence of edits, agrees with a fresh analysis of the same text (CJK and emoji on the edited lines)", async () => {
    const start = `${FLASK}x = "日本😀"; app.run(debug=True)\ny = "é"\n`;
    const pieces = ["app.run()", 'host="0.0.0.0", ', "日本", "😀", "\n", "    ", "def main():\n", "main()\n", "#", '"', "x", ";"];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const analysis = await analyze(start);
    for (let step = 0; step < 60; step++) {
      const text = analysis.source;
      let at = random(text.length + 1);
      // Never between the halves of a surrogate pair.
      if (at > 0 && at < text.length && (text.charCodeAt(at) & 0xfc00) === 0xdc00) at++;
      const end = Math.min(text.length, at + random(4));
      const safeEnd = end < text.length && (text.charCodeAt(end) & 0xfc00) === 0xdc00 ? end + 1 : end;
      analysis.update([{ start: at, end: safeEnd, text: pieces[random(pieces.length)]! }]);
      const fresh = await analyze(analysis.source);
      expect(analysis.diagnostics, JSON.stringify(analysis.source)).toEqual(fresh.diagnostics);
      expect(analysis.skipped).toEqual(fresh.skipped);
      expect(analysis.fixAll().output).toBe(fresh.fixAll().output);
      fresh.dispose();
    }
  });
});
