import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, lstatSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, fixtureCases } from "./fixture-utils.js";
import { CLI, makeTree, runCli } from "./cli-utils.js";

const FLASK = 'from flask import Flask\n\napp = Flask(__name__)\n\napp.run(debug=True)\n';
const FLASK_FIXED = 'from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(debug=True)\n';
const MESSAGE = 'MG001 `app.run(...)` starts the Flask development server whenever this module is imported; move it under `if __name__ == "__main__":`';

/** Every fixture input of server-start, as `<case>.py` files in a fresh directory. */
function fixtureTree(): { root: string; cases: ReturnType<typeof fixtureCases> } {
  const cases = fixtureCases("server-start");
  const root = mkdtempSync(join(tmpdir(), "mainguard-fixtures-"));
  for (const c of cases) cpSync(c.inputPath, join(root, `${c.name}.py`));
  return { root, cases };
}

function snapshot(root: string): Map<string, Buffer> {
  return new Map(readdirSync(root, { recursive: true, encoding: "utf8" }).sort().filter((p) => statSync(join(root, p)).isFile()).map((p) => [p, readFileSync(join(root, p))]));
}

describe("report mode", () => {
  it("prints findings in sorted path order, a summary on stderr, and exits 1", () => {
    const root = makeTree({ "b/app.py": FLASK, "a.py": FLASK, "clean.py": "print('hi')\n" });
    const result = runCli([], root);
    expect(result.stdout).toBe(`a.py:5:1: ${MESSAGE}\nb/app.py:5:1: ${MESSAGE}\n`);
    expect(result.stderr).toBe("3 files scanned, 2 findings, 2 fixable with --write.\n");
    expect(result.code).toBe(1);
    expect(readFileSync(join(root, "a.py"), "utf8")).toBe(FLASK);
  });

  it("writes all of a large report into a pipe that is read slowly", () => {
    const files = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`svc${i}/app.py`, FLASK]));
    const root = makeTree(files);
    // Far more than a pipe's 64 KiB buffer, read only after a pause: exiting must wait for it.
    const script = `node ${JSON.stringify(CLI)} --format json . 2>/dev/null | (sleep 1; cat)`;
    const stdout = execFileSync("sh", ["-c", script], { cwd: root, encoding: "utf8", maxBuffer: 1e8 });
    expect(stdout.length).toBeGreaterThan(1 << 17);
    expect(JSON.parse(stdout)).toHaveLength(400);
  });

  it("exits 0 when there is nothing to do", () => {
    const root = makeTree({ "ok.py": FLASK_FIXED });
    const result = runCli(["."], root);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "1 file scanned, 0 findings.\n" });
  });

  it("explains how the receiver was identified with --verbose", () => {
    const root = makeTree({ "a.py": FLASK });
    const result = runCli(["-v", "a.py"], root);
    expect(result.stdout).toBe(`a.py:5:1: ${MESSAGE}\n  = \`app\` is bound to \`Flask(...)\` (a Flask application) on line 3\n`);
  });

  it("exits 2 for a path that does not exist, and still reports the others", () => {
    const root = makeTree({ "a.py": FLASK });
    const result = runCli(["a.py", "nope"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("mainguard: error: nope: no such file or directory\n");
    expect(result.stdout).toBe(`a.py:5:1: ${MESSAGE}\n`);
  });

  it("exits 2 on usage errors", () => {
    const root = makeTree({ "a.py": FLASK });
    expect(runCli(["--dry-run", "--write"], root).code).toBe(2);
    const unknown = runCli(["--frobnicate"], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--frobnicate'");
  });

  it("skips a file with a lone CR line ending, naming the line", () => {
    const root = makeTree({ "cr.py": "from flask import Flask\napp = Flask(__name__)  # a\rb\napp.run()\n" });
    const result = runCli(["--write", "."], root);
    expect(result.stderr).toBe(
      "mainguard: cr.py: skipped: a lone carriage return (CR) ends line 2, and Python and the grammar read such line ends differently\n" +
        "1 file scanned, 0 findings, 0 fixed in 0 files, 1 skipped.\n",
    );
    expect(result.code).toBe(0);
  });

  it("skips a file with a syntax error, naming the line and column", () => {
    const root = makeTree({ "bad.py": "from flask import Flask\napp = Flask(__name__)\ndef broken(:\n    pass\napp.run()\n" });
    const result = runCli(["--write", "."], root);
    expect(result.stderr).toBe("mainguard: bad.py: skipped: syntax error on line 3, column 12: invalid syntax\n1 file scanned, 0 findings, 0 fixed in 0 files, 1 skipped.\n");
    expect(result.code).toBe(0);
  });
});

describe("--dry-run", () => {
  it("prints a patch that git apply and patch -p1 turn into exactly what --write writes", () => {
    const { root } = fixtureTree();
    const dry = runCli(["--dry-run", "."], root);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/^--- a\/aiohttp-alias\.py\n\+\+\+ b\/aiohttp-alias\.py\n@@ /);

    const viaGit = mkdtempSync(join(tmpdir(), "mainguard-git-"));
    cpSync(root, viaGit, { recursive: true });
    execFileSync("git", ["apply", "--whitespace=nowarn", "-"], { cwd: viaGit, input: dry.stdout });

    const viaPatch = mkdtempSync(join(tmpdir(), "mainguard-patch-"));
    cpSync(root, viaPatch, { recursive: true });
    execFileSync("patch", ["-p1", "--quiet", "--binary"], { cwd: viaPatch, input: dry.stdout });

    // The unsafe- cases' findings remain (their fixes are unsafe): exit code 1.
    const write = runCli(["--write", "."], root);
    expect(write.code).toBe(1);
    expect(write.stdout.split("\n").filter(Boolean).every((line) => line.startsWith("unsafe-"))).toBe(true);
    const written = snapshot(root);
    expect(snapshot(viaGit)).toEqual(written);
    expect(snapshot(viaPatch)).toEqual(written);
  });

  it("changes nothing on disk", () => {
    const root = makeTree({ "a.py": FLASK });
    runCli(["--dry-run"], root);
    expect(readFileSync(join(root, "a.py"), "utf8")).toBe(FLASK);
  });
});

describe("--write", () => {
  it("with --unsafe-fixes, writes every fixture's expected output, leaves negatives byte-identical, and a second run finds nothing", () => {
    const { root, cases } = fixtureTree();
    const before = snapshot(root);
    const result = runCli(["--write", "--unsafe-fixes", "."], root);
    expect(result.code).toBe(0);
    for (const c of cases) {
      const expected = c.outputPath ? readFileSync(c.outputPath) : before.get(`${c.name}.py`);
      expect(readFileSync(join(root, `${c.name}.py`)), c.name).toEqual(expected);
    }
    expect(readdirSync(root).length).toBe(cases.length); // no temporary files left
    const again = runCli(["--write", "--unsafe-fixes", "."], root);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe("");
  });

  it("keeps mode bits and edits a symlinked file's target once, keeping the link", () => {
    const root = makeTree({ "real/run.py": FLASK });
    chmodSync(join(root, "real/run.py"), 0o755);
    symlinkSync("real/run.py", join(root, "link.py"));
    const result = runCli(["--write", "."], root);
    expect(result.stderr).toBe("1 file scanned, 1 finding, 1 fixed in 1 file.\n");
    expect(readFileSync(join(root, "real/run.py"), "utf8")).toBe(FLASK_FIXED);
    expect(statSync(join(root, "real/run.py")).mode & 0o777).toBe(0o755);
    expect(lstatSync(join(root, "link.py")).isSymbolicLink()).toBe(true);
  });

  it("skips binary and undecodable files, and writes a Latin-1 file back in Latin-1", () => {
    const latin1 = Buffer.from(`# -*- coding: latin-1 -*-\n${FLASK.replace("__name__)", "__name__)  # caf\xe9")}`, "latin1");
    const root = makeTree({
      "nul.py": Buffer.from("app.run()\0\n"),
      "bad-utf8.py": Buffer.concat([Buffer.from(FLASK), Buffer.from([0xff, 0x0a])]),
      "latin.py": latin1,
    });
    const result = runCli(["--write", "."], root);
    expect(result.stderr).toBe(
      "mainguard: bad-utf8.py: skipped: line 6 is not valid UTF-8, and the file declares no other encoding (PEP 263)\n" +
        "mainguard: nul.py: skipped: line 1 holds a NUL byte, so this is a binary file, not Python source\n" +
        "3 files scanned, 1 finding, 1 fixed in 1 file, 2 skipped.\n",
    );
    const expected = Buffer.from(`# -*- coding: latin-1 -*-\n${FLASK_FIXED.replace("__name__)\n", "__name__)  # caf\xe9\n")}`, "latin1");
    expect(readFileSync(join(root, "latin.py"))).toEqual(expected);
  });

  it("reports a file it cannot read and exits 2", () => {
    if (process.getuid?.() === 0) return; // root reads every file
    const root = makeTree({ "secret.py": FLASK });
    chmodSync(join(root, "secret.py"), 0o000);
    const result = runCli(["--write", "."], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("mainguard: secret.py: skipped: cannot read: permission denied\n");
  });
});

describe("the examples/ quick start", () => {
  it("previews a fix for every service with an import-time start", () => {
    const root = mkdtempSync(join(tmpdir(), "mainguard-examples-"));
    cpSync(join(FIXTURES, "../examples"), join(root, "examples"), { recursive: true });
    const result = runCli(["--dry-run", "examples"], root);
    expect(result.code).toBe(1);
    const files = [...result.stdout.matchAll(/^\+\+\+ b\/(.*)$/gm)].map((m) => m[1]);
    expect(files).toEqual([
      "examples/services/billing/app.py",
      "examples/services/inventory/wsgi.py",
      "examples/services/reports/app.py",
      "examples/services/users/server.py",
    ]);
  });
});

