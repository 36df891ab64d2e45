/**
 * What the command line promises across its flags: findings after a fix carry the fixed file's
 * positions; stdout carries one format (a dry run's JSON and SARIF are one document whose edits
 * give --write's bytes); the stdin mode honours --format and --exclude; `rule` is a command.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTree, runCli } from "./cli-utils.js";

const EXPOSED = 'from flask import Flask\napp = Flask(__name__)\napp.run(host="0.0.0.0", debug=True)\n';
const EXPOSED_FIXED = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n';
/** Two starts, one of them after a CJK comment, a BOM, CRLF: edits are positioned in UTF-16 columns. */
const TREE = {
  "svc/a.py": EXPOSED,
  "svc/b.py": "\uFEFFimport uvicorn\r\nfrom api import app\r\nx = '日本'; uvicorn.run(app)\r\n",
  "svc/c.py": "from flask import Flask\napp = Flask(__name__)\ndef main():\n    app.run()\ntry:\n    main()\nexcept KeyError:\n    pass\n",
  "svc/ok.py": "print('ok')\n",
};

interface JsonEdit {
  content: string;
  location: { row: number; column: number };
  end_location: { row: number; column: number };
}

/** `text` with `edits` applied, their rows and UTF-16 columns read as mainguard writes them (1-based; a BOM takes no column). */
function applyEdits(text: string, edits: readonly JsonEdit[]): string {
  const starts = [0];
  for (const found of text.matchAll(/\r\n|\r|\n/g)) starts.push(found.index + found[0].length);
  const bom = text.startsWith("\uFEFF") ? 1 : 0;
  const offset = ({ row, column }: { row: number; column: number }) => starts[row - 1]! + column - 1 + (row === 1 ? bom : 0);
  let out = text;
  for (const edit of [...edits].sort((a, b) => offset(b.location) - offset(a.location))) {
    out = out.slice(0, offset(edit.location)) + edit.content + out.slice(offset(edit.end_location));
  }
  return out;
}

function written(unsafe: boolean): Record<string, string> {
  const root = makeTree(TREE);
  runCli(["--write", "--no-git", ...(unsafe ? ["--unsafe-fixes"] : []), "."], root);
  return Object.fromEntries(Object.keys(TREE).map((path) => [path, readFileSync(join(root, path), "utf8")]));
}

describe("findings after a fix", () => {
  it("carry the written file's positions in JSON, SARIF and text", () => {
    const json = runCli(["--write", "--no-git", "--format", "json", "app.py"], makeTree({ "app.py": EXPOSED }));
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).map((f: { code: string; location: object; end_location: object }) => [f.code, f.location, f.end_location])).toEqual([
      ["MG101", { row: 4, column: 5 }, { row: 4, column: 40 }],
    ]);
    const sarif = JSON.parse(runCli(["--write", "--no-git", "--format", "sarif", "app.py"], makeTree({ "app.py": EXPOSED })).stdout);
    expect(sarif.runs[0].results.map((r: { ruleId: string; locations: Array<{ physicalLocation: { region: object } }> }) => [r.ruleId, r.locations[0]!.physicalLocation.region])).toEqual([
      ["MG101", { startLine: 4, startColumn: 5, endLine: 4, endColumn: 40 }],
    ]);
    const text = runCli(["--write", "--no-git", "app.py"], makeTree({ "app.py": EXPOSED }));
    expect(text.stdout).toMatch(/^app\.py:4:5: MG101 /);
  });

  it("in the stdin mode too: the fixed source on stdout, what remains (at its place there) on stderr", () => {
    const result = runCli(["--stdin-filename", "app.py"], makeTree({}), {}, EXPOSED);
    expect(result.stdout).toBe(EXPOSED_FIXED);
    expect(result.stderr).toMatch(/^app\.py:4:5: MG101 `app\.run\(\.\.\.\)` runs with debug=True on host "0\.0\.0\.0"/);
    expect(result.code).toBe(1);
  });
});

describe("--dry-run with a document format", () => {
  for (const unsafe of [false, true]) {
    it(`--format json is one document whose edits, applied per file, give --write's bytes (${unsafe ? "unsafe" : "safe"} fixes)`, () => {
      const root = makeTree(TREE);
      const result = runCli(["--dry-run", "--no-git", "--format", "json", ...(unsafe ? ["--unsafe-fixes"] : []), "."], root);
      expect(result.code).toBe(1);
      const document = JSON.parse(result.stdout) as { findings: Array<{ path: string; code: string }>; files: Array<{ path: string; applied: number; edits: JsonEdit[]; patch: string }> };
      expect(document.findings.map((f) => `${f.path} ${f.code}`)).toEqual(["svc/a.py MG001", "svc/a.py MG101", "svc/b.py MG001", "svc/c.py MG002"]);
      const expected = written(unsafe);
      expect(document.files.map((file) => file.path)).toEqual(unsafe ? ["svc/a.py", "svc/b.py", "svc/c.py"] : ["svc/a.py", "svc/b.py"]);
      for (const [path, source] of Object.entries(TREE)) {
        const file = document.files.find((candidate) => candidate.path === path);
        expect(file ? applyEdits(source, file.edits) : source, path).toBe(expected[path]);
      }
      // Each patch is the one the text dry run prints.
      const patches = runCli(["--dry-run", "--no-git", ...(unsafe ? ["--unsafe-fixes"] : []), "."], root).stdout;
      expect(document.files.map((file) => file.patch).join("")).toBe(patches);
    });
  }

  it("--format sarif is one SARIF log whose run carries each file's replacements, giving --write's bytes", () => {
    const root = makeTree(TREE);
    const result = runCli(["--dry-run", "--no-git", "--format", "sarif", "."], root);
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe("2.1.0");
    const files = log.runs[0].properties["mainguard/files"] as Array<{
      artifactLocation: { uri: string };
      replacements: Array<{ deletedRegion: { startLine: number; startColumn: number; endLine: number; endColumn: number }; insertedContent: { text: string } }>;
      properties: { patch: string };
    }>;
    const expected = written(false);
    expect(files.map((file) => file.artifactLocation.uri)).toEqual(["svc/a.py", "svc/b.py"]);
    for (const file of files) {
      const path = decodeURI(file.artifactLocation.uri);
      const edits = file.replacements.map(({ deletedRegion: r, insertedContent }) => ({
        content: insertedContent.text,
        location: { row: r.startLine, column: r.startColumn },
        end_location: { row: r.endLine, column: r.endColumn },
      }));
      expect(applyEdits(TREE[path as keyof typeof TREE], edits)).toBe(expected[path]);
      expect(file.properties.patch).toMatch(new RegExp(`^--- a/${path}\n`));
    }
  });

  it("--format github prints the annotations, and no patch", () => {
    const result = runCli(["--dry-run", "--no-git", "--format", "github", "svc/a.py"], makeTree(TREE));
    expect(result.stdout.split("\n").filter(Boolean).map((line) => line.split("::").slice(0, 2).join("::"))).toEqual([
      "::warning file=svc/a.py,line=3,col=1,endLine=3,endColumn=36,title=mainguard MG001",
      "::warning file=svc/a.py,line=3,col=1,endLine=3,endColumn=36,title=mainguard MG101",
    ]);
    expect(result.code).toBe(1);
  });
});

describe("the stdin mode", () => {
  it("honours --format: json of what remains on stderr, or with --dry-run one document on stdout", () => {
    const fixed = runCli(["--stdin-filename", "app.py", "--format", "json"], makeTree({}), {}, EXPOSED);
    expect(fixed.stdout).toBe(EXPOSED_FIXED);
    expect(JSON.parse(fixed.stderr).map((f: { code: string; location: object }) => [f.code, f.location])).toEqual([["MG101", { row: 4, column: 5 }]]);
    const preview = runCli(["--stdin-filename", "app.py", "--format", "json", "--dry-run"], makeTree({}), {}, EXPOSED);
    const document = JSON.parse(preview.stdout);
    expect(document.findings.map((f: { code: string }) => f.code)).toEqual(["MG001", "MG101"]);
    expect(applyEdits(EXPOSED, document.files[0].edits)).toBe(EXPOSED_FIXED);
    expect(preview.code).toBe(1);
  });

  it("honours --exclude and the file's pyproject.toml excludes: the source passes through untouched", () => {
    const root = makeTree({ "pyproject.toml": '[tool.mainguard]\nexclude = ["legacy/"]\n' });
    for (const [args, path] of [[["--exclude", "vendored/"], "vendored/app.py"], [[], "legacy/app.py"]] as const) {
      const result = runCli(["--stdin-filename", path, ...args], root, {}, EXPOSED);
      expect(result).toEqual({ code: 0, stdout: EXPOSED, stderr: "" });
    }
    expect(runCli(["--stdin-filename", "svc/app.py"], root, {}, EXPOSED).stdout).toBe(EXPOSED_FIXED);
  });

  it("honours -v (the reason) and refuses what it cannot honour", () => {
    const verbose = runCli(["--stdin-filename", "app.py", "-v"], makeTree({}), {}, EXPOSED);
    expect(verbose.stderr).toContain("  = `app` is bound to `Flask(...)` (a Flask application) on line 2\n");
    for (const flag of [["--no-git"], ["--show-files"], ["--changed-since", "main"], ["--from-report", "r.json"], ["-i"]]) {
      const result = runCli(["--stdin-filename", "app.py", ...flag], makeTree({}), {}, EXPOSED);
      expect(result.code, flag.join(" ")).toBe(2);
      expect(result.stderr.split("\n").filter(Boolean), flag.join(" ")).toHaveLength(1);
    }
  });
});

describe("rule", () => {
  it("is a command: a folder named rule is checked as ./rule, and `mainguard rule` says so", () => {
    const root = makeTree({ "rule/app.py": EXPOSED });
    const list = runCli(["rule"], root);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^MG001 {2}import-time-server-start/);
    expect(list.stderr).toBe("mainguard: note: `rule` lists the rules; to check the folder named rule, run: mainguard ./rule\n");
    const checked = runCli(["./rule"], root);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/^rule\/app\.py:3:1: MG001 /);
  });

  it("takes the global flags before it", () => {
    const result = runCli(["--no-color", "rule", "MG001"], makeTree({}));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# import-time-server-start \(MG001\)\n/);
  });
});

describe("combinations", () => {
  it("are refused with one line and exit 2 when they cannot be honoured", () => {
    const root = makeTree(TREE);
    for (const args of [
      ["--dry-run", "--write", "."],
      ["-i", "--format", "json", "."],
      ["--show-files", "--write", "."],
      ["--allow-dirty", "."],
      ["--all-findings", "."],
      ["--from-report", "r.json", "--changed-since", "main"],
      ["--show-settings", "svc/a.py", "--write"],
    ]) {
      const result = runCli(args, root);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout, args.join(" ")).toBe("");
      expect(result.stderr.split("\n").filter(Boolean), args.join(" ")).toHaveLength(1);
      expect(result.stderr, args.join(" ")).toMatch(/^mainguard: error: /);
    }
  });
});
