import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, makeTree, runCli } from "./cli-utils.js";
import { repository } from "./git-utils.js";

const app = (name: string) => `from flask import Flask\n\n${name} = Flask(__name__)\n${name}.run()\n`;
const fixed = (name: string) => `from flask import Flask\n\n${name} = Flask(__name__)\nif __name__ == "__main__":\n    ${name}.run()\n`;
const FILES = { "a.py": app("a"), "b.py": app("b"), "c.py": app("c") };

function drive(cwd: string, answers: string[], args = ["."]): { status: number; output: string } {
  const stdout = execFileSync("python3", [resolve(import.meta.dirname, "pty_drive.py"), cwd, JSON.stringify(answers), "--", process.execPath, CLI, "-i", ...args], {
    encoding: "utf8",
  });
  return JSON.parse(stdout) as { status: number; output: string };
}

const contents = (root: string) => ["a.py", "b.py", "c.py"].map((f) => readFileSync(join(root, f), "utf8"));

describe("-i in a real terminal", () => {
  it("y, n, q leaves exactly the first file fixed", () => {
    const root = makeTree(FILES);
    const { status, output } = drive(root, ["y", "n", "q"]);
    expect(contents(root)).toEqual([fixed("a"), app("b"), app("c")]);
    expect(output).toContain("file 1 of 3: a.py");
    expect(output).toContain("file 3 of 3: c.py");
    expect(output).toContain("Apply this fix to a.py?");
    expect(output).toContain("3 files scanned, 3 findings, 1 fixed in 1 file");
    expect(status).toBe(1);
  });

  it("n then a fixes all but the first", () => {
    const root = makeTree(FILES);
    const { status, output } = drive(root, ["n", "a"]);
    expect(contents(root)).toEqual([app("a"), fixed("b"), fixed("c")]);
    expect(output).toContain("file 3 of 3: c.py");
    expect(output).toContain("2 fixed in 2 files");
    expect(status).toBe(1);
  });

  it("skips, with a message, a file edited while its prompt waited", () => {
    const root = makeTree(FILES);
    const { status, output } = drive(root, ["append:a.py", "y", "y", "y"]);
    expect(contents(root)).toEqual([`${app("a")}# edited meanwhile\n`, fixed("b"), fixed("c")]);
    expect(output).toContain("mainguard: a.py: it changed since it was read; not written");
    expect(output).toContain("3 files scanned, 3 findings, 2 fixed in 2 files, 1 not written.");
    expect(status).toBe(1);
  });

  it("does not offer a file with uncommitted changes in a git work tree", () => {
    const root = repository(FILES);
    writeFileSync(join(root, "b.py"), `# work in progress\n${app("b")}`);
    const { status, output } = drive(root, ["y", "y"]);
    expect(contents(root)).toEqual([fixed("a"), `# work in progress\n${app("b")}`, fixed("c")]);
    expect(output).toContain("mainguard: b.py: has uncommitted changes; commit or stash them, or pass --allow-dirty");
    expect(output).toContain("file 2 of 2: c.py");
    expect(output).not.toContain("Apply this fix to b.py?");
    expect(output).toContain("3 files scanned, 3 findings, 2 fixed in 2 files, 1 file with uncommitted work left alone.");
    expect(status).toBe(1);
  });

  it("shows a progress bar on a terminal during a long scan, and clears it", () => {
    // The bar waits half a second: 24 modules of 250 KB to parse take a few seconds.
    const route = (n: number) => `@app.route("/r${n}")\ndef r${n}():\n    return {"n": ${n}}\n\n\n`;
    let body = "from flask import Flask\n\napp = Flask(__name__)\n\n\n";
    for (let n = 0; body.length < 250_000; n++) body += route(n);
    const files: Record<string, string> = {};
    for (let i = 0; i < 24; i++) files[`m${String(i).padStart(2, "0")}.py`] = `${body}app.run()\n`;
    const root = makeTree(files);
    const { output } = drive(root, ["q"]);
    expect(output).toMatch(/\r\[#* *\] \d+\/24 files/);
    expect(output).toContain("\r\x1b[2K");
  }, 60_000);

  it("from a report, offers only the files it names, and sums up the verdicts", () => {
    const root = makeTree(FILES);
    const result = (filename: string) => ({ filename, line_number: 4, test_id: "B201", issue_text: "debug" });
    writeFileSync(join(root, "bandit.json"), JSON.stringify({ errors: [], generated_at: "2026-12-03T10:00:00Z", metrics: {}, results: [result("./a.py"), result("./c.py")] }));
    const { status, output } = drive(root, ["y", "n"], ["--from-report", "bandit.json"]);
    expect(contents(root)).toEqual([fixed("a"), app("b"), app("c")]);
    expect(output).toContain("file 1 of 2: a.py");
    expect(output).toContain("file 2 of 2: c.py");
    expect(output).toContain("2 reported: 2 fixable (1 fixed, 1 not fixed).");
    expect(status).toBe(1);
  });

  it("shows the choices on h", () => {
    const root = makeTree(FILES);
    const { output } = drive(root, ["h", "q"]);
    expect(output).toContain("Apply this and all remaining files");
    expect(output).toContain("Quit; write nothing more");
    expect(contents(root)).toEqual([app("a"), app("b"), app("c")]);
  });

  it("without a terminal exits 2 and writes nothing", () => {
    const root = makeTree(FILES);
    const result = runCli(["-i", "."], root, {}, "y\ny\ny\n");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "mainguard: error: --interactive needs a terminal (stdin and stdout); use --dry-run to preview or --write to apply\n",
    );
    expect(contents(root)).toEqual([app("a"), app("b"), app("c")]);
  });
});
