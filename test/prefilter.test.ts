import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TRANSFORMS } from "../transforms/index.js";
import { DEFAULT_CATALOG } from "../src/catalog.js";
import { discover } from "../src/discover/discover.js";
import { Engine } from "../src/engine/engine.js";
import { nodePythonParser } from "../src/node/python-parser.js";
import { mayStartAtImportTime } from "../src/prefilter/prefilter.js";
import { RawText } from "../src/prefilter/raw-text.js";
import type { FileResult } from "../src/file-result.js";
import { processFile } from "../src/run/process-file.js";
import { turnEventLoop } from "./event-loop.js";
import { FIXTURES } from "./fixture-utils.js";

// A file the prefilter rules out is not parsed, so its syntax errors go unreported; every other
// outcome (findings, fixes, encoding and binary skips) must be the same.
const summary = (file: FileResult) => ({
  path: file.path,
  findings: file.findings.map((f) => `${f.start.line}:${f.start.column} ${f.rule}`),
  applied: file.change?.applied ?? 0,
  problem: file.problem?.message.includes("syntax error") ? undefined : file.problem?.message,
});

/** Whether the prefilter lets `text` through to the parser. */
const keep = (text: string) => mayStartAtImportTime(RawText.of(text), DEFAULT_CATALOG);

describe("the prefilter", () => {
  // A large tree: the standard library (without its own test suite and site-packages, for time),
  // every fixture and the examples. With the prefilter off, every file is parsed and checked.
  it("never changes what is found", async () => {
    const stdlib = execFileSync("python3", ["-c", 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: "utf8" }).trim();
    const skip = new Set(["test", "site-packages"]);
    const roots = [
      ...readdirSync(stdlib, { withFileTypes: true })
        .filter((entry) => (entry.isDirectory() && !skip.has(entry.name)) || entry.name.endsWith(".py"))
        .map((entry) => join(stdlib, entry.name)),
      FIXTURES,
      join(FIXTURES, "../examples"),
    ];
    const { files } = await discover(roots, process.cwd());
    const on = Engine.create({ parser: nodePythonParser,  transforms: TRANSFORMS });
    const off = Engine.create({ parser: nodePythonParser,  transforms: TRANSFORMS, prefilter: false });
    let findings = 0;
    for (const [n, path] of files.entries()) {
      if (n % 100 === 0) await turnEventLoop();
      const withFilter = summary(await processFile(on, path, { fix: true }));
      const without = summary(await processFile(off, path, { fix: true }));
      expect(withFilter, path).toEqual(without);
      findings += without.findings.length;
    }
    console.log(`prefilter on and off agree on ${files.length} files (${findings} findings)`);
    expect(files.length).toBeGreaterThan(1000);
    expect(findings).toBeGreaterThan(50);
  }, 600_000);

  it("counts a needle only with a receiver of its own: current() needs tornado, quickstart() cherrypy", () => {
    expect(keep("from app import application\nloop = asyncio_loop.current()\nloop.start()\n")).toBe(false);
    expect(keep("import tornado.ioloop\napp.listen(1)\ntornado.ioloop.IOLoop.current().start()\n")).toBe(true);
    expect(keep("import flask\nquickstart(Root())\n")).toBe(false);
    expect(keep("import subprocess\nimport cherrypy\nsubprocess.run(['x'])\ncherrypy.quickstart(Root())\n")).toBe(true);
  });

  it("sees through strings, comments and import aliases", () => {
    expect(keep('import flask\napp = flask.Flask(__name__)\nx = "app.run()"  # app.run()\n')).toBe(false);
    expect(keep("import flask\napp = flask.Flask(__name__)\napp.run()\n")).toBe(true);
    expect(keep("from waitress import serve as s\nfrom app import application\ns(application)\n")).toBe(true);
    expect(keep('import flask\napp = flask.Flask(__name__)\nif __name__ == "__main__":\n    app.run()\n')).toBe(false);
    expect(keep("import flask\napp = flask.Flask(__name__)\ndef go():\n    app.run()\n\ndef main():\n    go()\n\nmain()\n")).toBe(true);
    expect(keep("import flask\napp = flask.Flask(__name__)\ndef go():\n    app.run()\n")).toBe(false);
    expect(keep("import flask\napp = flask.Flask(__name__)\ntry:\n    app.run()\nexcept Exception:\n    pass\n")).toBe(true);
  });

  it("counts a function a thread runs, a decorator and an awaited coroutine as called", () => {
    const flask = "from threading import Thread\nimport flask\napp = flask.Flask(__name__)\n";
    expect(keep(`${flask}Thread(target=app.run, daemon=True).start()\n`)).toBe(true);
    expect(keep(`${flask}t = Thread(target = app.run)\nt.start()\n`)).toBe(true);
    // Inside brackets a line break may stand on either side of the `=`.
    expect(keep(`${flask}Thread(\n    target=\n    app.run,\n).start()\n`)).toBe(true);
    expect(keep(`${flask}Thread(target \\\n    = app.run).start()\n`)).toBe(true);
    // The keep-alive idiom: a thread runs a module function that starts the server.
    expect(keep(`${flask}def run():\n    app.run()\n\ndef keep_alive():\n    Thread(target=run).start()\n\nkeep_alive()\n`)).toBe(true);
    expect(keep(`${flask}def run():\n    app.run()\n\ndef keep_alive():\n    Thread(target=run).start()\n`)).toBe(false);
    expect(keep(`${flask}def serve(view):\n    app.run()\n    return view\n\n@serve\ndef index():\n    pass\n`)).toBe(true);
    expect(keep(`${flask}def serve(view):\n    app.run()\n    return view\n\n@other\ndef index():\n    pass\n`)).toBe(false);
    // A reference that is not a thread's target, and a target that starts nothing.
    expect(keep(`${flask}handlers = [app.run, print]\n`)).toBe(false);
    expect(keep("from threading import Thread\nThread(target=self.run).start()\n")).toBe(false);
  });

  it("keeps a needle only where it is called, however the call is spelled", () => {
    const flask = "import flask\napp = flask.Flask(__name__)\n";
    // Named but never called: prose, a reference, a comment.
    expect(keep(`${flask}# run the app with flask run\nrunner = app.run\n`)).toBe(false);
    // Called across white space, line breaks in brackets and a backslash continuation.
    expect(keep(`${flask}app.run ()\n`)).toBe(true);
    expect(keep(`${flask}(app.run\n    ())\n`)).toBe(true);
    expect(keep(`${flask}app.run \\\n()\n`)).toBe(true);
    // Imported under an alias over several lines, then called by the alias.
    expect(keep("from waitress import (\n    serve\n    as s,\n)\nfrom app import application\ns(application)\n")).toBe(true);
    // Methods of a class are not module functions; a class calling one starts nothing.
    expect(keep(`${flask}class Runner:\n    def go(self):\n        app.run()\n\nRunner().go()\n`)).toBe(false);
    // A module function that calls a needle starts a server only if module code calls it.
    expect(keep(`${flask}def go():\n    app.run()\n\nx = go\n`)).toBe(false);
    expect(keep(`${flask}def go():\n    app.run()\n\ngo ()\n`)).toBe(true);
    // Defining a function named like a needle calls nothing.
    expect(keep(`${flask}if True:\n    def run(self):\n        pass\n`)).toBe(false);
    // A closing bracket in column 0 ends a long header; the body still belongs to the function.
    expect(keep(`${flask}def go(\n    port: int,\n) -> None:\n    app.run(port=port)\n`)).toBe(false);
    expect(keep(`${flask}def go(\n    port: int,\n) -> None:\n    app.run(port=port)\n\n\ngo(\n    5000\n)\n`)).toBe(true);
  });

  it("keeps a start in a class body, not one in a method (a long signature's closing line included)", () => {
    const flask = "from flask import Flask\napp = Flask(__name__)\n\n";
    expect(keep(`${flask}class Server:\n    port = 8000\n    app.run(port=port)\n`)).toBe(true);
    expect(keep(`${flask}class Server:\n    if DEBUG:\n        app.run()\n`)).toBe(true);
    expect(keep(`${flask}class Server:\n    def start(self):\n        app.run()\n`)).toBe(false);
    expect(keep(`${flask}class Server:\n    def start(\n        self,\n        port: int,\n    ) -> None:\n        app.run(port=port)\n`)).toBe(false);
  });

  it("keeps a file for MG101 only with the debugger turned on in code", () => {
    const keep = (text: string) => TRANSFORMS.find((t) => t.name === "exposed-debugger")!.mayMatch(RawText.of(text), DEFAULT_CATALOG);
    const flask = "import flask\napp = flask.Flask(__name__)\n";
    expect(keep(`${flask}if __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n`)).toBe(true);
    expect(keep(`${flask}app.run(\n    "0.0.0.0",\n    debug =  # on for now\n    True,\n)\n`)).toBe(true);
    expect(keep(`${flask}app.run(host="0.0.0.0", debug=False)  # debug=True is unsafe\n`)).toBe(false);
    expect(keep(`${flask}"""app.run(host="0.0.0.0", debug=True)"""\n`)).toBe(false);
  });
});
