import { describe, expect, it } from "vitest";
import { Engine } from "../src/engine/engine.js";
import { nodePythonParser } from "../src/node/python-parser.js";
import type { Site } from "../src/types.js";
import { TRANSFORMS } from "../transforms/index.js";

/** The verdict on each listed line of `lines`, as `line: verdict`. */
async function judge(lines: string[], reported: number[], options: { condenseAbove?: number; concern?: Site["concern"] } = {}): Promise<string[]> {
  const engine = Engine.create({ parser: nodePythonParser,  transforms: TRANSFORMS, condenseAbove: options.condenseAbove });
  const sites = reported.map((line) => ({ line, concern: options.concern ?? "debug" }));
  const result = await engine.run(lines.join("\n"), "app.py", { sites, fix: true });
  return result.verdicts!.map((verdict, i) => `${reported[i]}: ${verdict.verdict}`);
}

const HEADER = ["from flask import Flask", "", "app = Flask(__name__)", ""];

describe("verdicts on reported lines", () => {
  it("follows calls from the main guard through functions, and not from elsewhere", async () => {
    const lines = [
      ...HEADER,
      "def serve():", // 5
      "    app.run(debug=True)", // 6: reached from main() under the guard
      "def main():",
      "    serve()",
      "def task():",
      "    app.run(debug=True)", // 10: only a route would call it
      "def cli():",
      '    if __name__ == "__main__":',
      "        app.run(debug=True)", // 13: a function's own main-guard body
      'if __name__ == "__main__":',
      "    main()",
      "    def local():",
      "        app.run(debug=True)", // 17: a function defined only when run as a script
    ];
    expect(await judge(lines, [6, 10, 13, 17])).toEqual(["6: guarded", "10: in-function", "13: guarded", "17: guarded"]);
  });

  it("judges nested functions, lambdas and methods as code in a function", async () => {
    const lines = [
      ...HEADER,
      "def outer():",
      "    def inner():",
      "        app.run(debug=True)", // 7
      "    return inner",
      "start = lambda: app.run(debug=True)", // 9
      "class Service:",
      "    def run(self):",
      "        app.run(debug=True)", // 12
    ];
    expect(await judge(lines, [7, 9, 12])).toEqual(["7: in-function", "9: in-function", "12: in-function"]);
  });

  it("matches a multi-line start on any of its lines (bandit 1.6 reports the last), and the innermost call first", async () => {
    const lines = [...HEADER, "app.run(", '    host=get_host("0.0.0.0"),', "    debug=True,", ")", "def get_host(default):", "    return default"];
    expect(await judge(lines, [5, 6, 7, 8])).toEqual(["5: fixable", "6: fixable", "7: fixable", "8: fixable"]);
  });

  it("tells a bind-all string outside a server call from a line that no longer holds one", async () => {
    const lines = [...HEADER, 'HOST = "0.0.0.0"', "PORT = 5000", 'LISTEN = ["::"]'];
    expect(await judge(lines, [5, 6, 7], { concern: "bind-all" })).toEqual(["5: not-a-server", "6: stale", "7: not-a-server"]);
    expect(await judge(lines, [5], { concern: "debug" })).toEqual(["5: stale"]);
  });

  it("in a big file read through its condensed view, judges a line in a blanked function as holding no server", async () => {
    const lines = [...HEADER, "def helper():", "    return compute(1)", "", "app.run(debug=True)"];
    expect(await judge(lines, [6, 8], { condenseAbove: 0 })).toEqual(["6: not-a-server", "8: fixable"]);
  });

  it("calls every line of a file Python rejects, or one with a lone CR, unparsable", async () => {
    expect(await judge([...HEADER, "app.run(debug=True", "def f(:"], [5, 6])).toEqual(["5: unparsable", "6: unparsable"]);
    expect(await judge([...HEADER, "app.run(debug=True)\rx = 1"], [5])).toEqual(["5: unparsable"]);
  });

  it("fixes only the starts the report names", async () => {
    const engine = Engine.create({ parser: nodePythonParser,  transforms: TRANSFORMS });
    const source = [...HEADER, "app.run(port=1)", "app.run(port=2)", ""].join("\n");
    const named = await engine.run(source, "app.py", { sites: [{ line: 6, concern: "debug" }], fix: true });
    expect(named.output).toBe([...HEADER, "app.run(port=1)", 'if __name__ == "__main__":', "    app.run(port=2)", ""].join("\n"));
    const all = await engine.run(source, "app.py", { sites: [{ line: 6, concern: "debug" }], fix: true, allFindings: true });
    expect(all.output).toBe((await engine.run(source, "app.py", { fix: true })).output);
  });
});
