import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { makeTree, runCli } from "./cli-utils.js";

const require = createRequire(import.meta.url);
const FLASK = 'from flask import Flask\n\napp = Flask(__name__)\n\napp.run(debug=True)\n';
const SEMI = 'import flask\nweb = flask.Flask(__name__)\nx = 1; web.run()\n';
const MESSAGE = 'MG001 `app.run(...)` starts the Flask development server whenever this module is imported; move it under `if __name__ == "__main__":`';

describe("--format json", () => {
  it("lists findings with locations, the reason and the fix's edits", () => {
    const root = makeTree({ "a.py": FLASK, "b.py": SEMI, "ok.py": "print(1)\n" });
    const result = runCli(["--format", "json", "."], root);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        path: "a.py",
        code: "MG001",
        message: MESSAGE.slice("MG001 ".length),
        reason: "`app` is bound to `Flask(...)` (a Flask application) on line 3",
        location: { row: 5, column: 1 },
        end_location: { row: 5, column: 20 },
        fix: {
          applicability: "safe",
          edits: [{ content: 'if __name__ == "__main__":\n    ', location: { row: 5, column: 1 }, end_location: { row: 5, column: 1 } }],
        },
      },
      {
        path: "b.py",
        code: "MG001",
        message: '`web.run(...)` starts the Flask development server whenever this module is imported; move it under `if __name__ == "__main__":`',
        reason: "`web` is bound to `flask.Flask(...)` (a Flask application) on line 2",
        location: { row: 3, column: 8 },
        end_location: { row: 3, column: 17 },
        fix: {
          applicability: "safe",
          edits: [{ content: '\nif __name__ == "__main__":\n    ', location: { row: 3, column: 6 }, end_location: { row: 3, column: 8 } }],
        },
      },
    ]);
  });

  it("prints an empty array when there is nothing to report", () => {
    const root = makeTree({ "ok.py": "print(1)\n" });
    expect(runCli(["--format", "json"], root)).toEqual({ code: 0, stdout: "[]\n", stderr: "1 file scanned, 0 findings.\n" });
  });
});

describe("--format sarif", () => {
  const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it("validates against the SARIF 2.1.0 schema, with rules, locations and fixes", () => {
    const root = makeTree({ "a.py": FLASK, "dir with space/b.py": SEMI });
    const result = runCli(["--format", "sarif", "."], root);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(["MG001", "MG002", "MG003", "MG101"]);
    expect(run.tool.driver.rules[0].properties.tags).toEqual(["security", "CWE-668", "external/cwe/cwe-668", "OWASP A01:2021"]);
    expect(run.tool.driver.rules[3].properties.tags).toEqual([
      "security", "CWE-489", "external/cwe/cwe-489", "CWE-668", "external/cwe/cwe-668", "OWASP A01:2021",
    ]);
    expect(run.tool.driver.rules[0].help.markdown).toContain("## Why is this bad?");
    expect(run.results).toHaveLength(2);
    expect(run.results[1].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "dir%20with%20space/b.py" },
      region: { startLine: 3, startColumn: 8, endLine: 3, endColumn: 17 },
    });
    expect(run.results[0].fixes[0].artifactChanges[0].replacements).toEqual([
      { deletedRegion: { startLine: 5, startColumn: 1, endLine: 5, endColumn: 1 }, insertedContent: { text: 'if __name__ == "__main__":\n    ' } },
    ]);
  });

  it("validates with no results too", () => {
    const root = makeTree({ "ok.py": "print(1)\n" });
    const result = runCli(["--format", "sarif"], root);
    expect(validate(JSON.parse(result.stdout))).toBe(true);
    expect(result.code).toBe(0);
  });
});

describe("--format github", () => {
  it("prints one ::warning annotation per finding", () => {
    const root = makeTree({ "a,b.py": FLASK });
    const result = runCli(["--format", "github"], root);
    expect(result.stdout).toBe(
      `::warning file=a%2Cb.py,line=5,col=1,endLine=5,endColumn=20,title=mainguard MG001::${MESSAGE}\n`,
    );
  });
});

describe("colour", () => {
  it("is off in pipes, on with FORCE_COLOR or --color, and NO_COLOR wins over FORCE_COLOR", () => {
    const root = makeTree({ "a.py": FLASK });
    const plain = runCli(["--dry-run"], root, { NO_COLOR: "" });
    expect(plain.stdout).not.toContain("\x1b[");
    expect(runCli(["--dry-run"], root, { NO_COLOR: "", FORCE_COLOR: "1" }).stdout).toContain("\x1b[32m+if __name__");
    expect(runCli(["--dry-run", "--color"], root).stdout).toContain("\x1b[");
    expect(runCli(["--dry-run"], root, { NO_COLOR: "1", FORCE_COLOR: "1" }).stdout).not.toContain("\x1b[");
  });
});

describe("--stdin-filename", () => {
  it("writes the fixed source to stdout and exits 0", () => {
    const root = makeTree({});
    const result = runCli(["--stdin-filename", "svc/app.py"], root, {}, FLASK);
    expect(result).toEqual({
      code: 0,
      stdout: 'from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(debug=True)\n',
      stderr: "",
    });
  });

  it("prints a patch with --dry-run, naming the file", () => {
    const result = runCli(["--stdin-filename", "svc/app.py", "--dry-run"], makeTree({}), {}, FLASK);
    expect(result.stdout).toMatch(/^--- a\/svc\/app\.py\n\+\+\+ b\/svc\/app\.py\n@@ -2,4 \+2,5 @@\n/);
    expect(result.code).toBe(1);
  });

  it("passes a file it cannot fix through unchanged, with the reason on stderr", () => {
    const broken = "app.run(\n";
    const result = runCli(["--stdin-filename", "x.py"], makeTree({}), {}, `from flask import Flask\n${broken}`);
    expect(result).toEqual({ code: 0, stdout: `from flask import Flask\n${broken}`, stderr: "mainguard: x.py: skipped: syntax error on line 2, column 1: invalid syntax\n" });
  });

  it("refuses paths alongside it", () => {
    expect(runCli(["--stdin-filename", "x.py", "a.py"], makeTree({}), {}, "").code).toBe(2);
  });
});

describe("mainguard rule", () => {
  it("prints a rule's documentation from its transform, and lists the rules", () => {
    const root = makeTree({});
    const one = runCli(["rule", "MG001"], root);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^# import-time-server-start \(MG001\)\n\nServer started at import time\. CWE-668; OWASP A01:2021\.\n\n## What it does\n/);
    for (const heading of ["## Why is this bad?", "## Example", "## Use instead", "## Fix safety", "## References"]) expect(one.stdout).toContain(heading);
    expect(runCli(["rule"], root).stdout).toBe(
      "MG001  import-time-server-start          Server started at import time\n" +
        "MG002  nested-import-time-server-start   Server started at import time inside a block\n" +
        "MG003  import-time-call-of-server-start  Function that starts a server called at import time\n" +
        "MG101  debugger-on-all-interfaces        Debugger exposed on all network interfaces\n",
    );
    const unknown = runCli(["rule", "MG999"], root);
    expect(unknown).toEqual({ code: 2, stdout: "", stderr: "mainguard: error: no rule MG999; known rules: MG001, MG002, MG003, MG101\n" });
  });
});

describe("--help and --version", () => {
  it("shows usage with examples and exits 0", () => {
    const help = runCli(["--help"], makeTree({}));
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: mainguard [options] [paths...]");
    expect(help.stdout).toContain("mainguard --dry-run services/ | git apply");
    expect(help.stdout).toContain("Exit codes: 0 nothing pending");
    const version = runCli(["--version"], makeTree({}));
    expect(version.stdout).toBe(`${JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version}\n`);
  });
});
