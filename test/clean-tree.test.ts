import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTree, runCli } from "./cli-utils.js";
import { git, repository } from "./git-utils.js";

const START = "from flask import Flask\n\napp = Flask(__name__)\n\napp.run()\n";
const FIXED = 'from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run()\n';

/** A work tree with one fixable file of each kind: clean, changed and not staged, staged, untracked; and a changed file with nothing to fix. */
function workInProgress(): string {
  const root = repository({ "svc/clean.py": START, "svc/changed.py": START, "svc/staged.py": START, "svc/edited_ok.py": "x = 1\n" });
  writeFileSync(join(root, "svc/changed.py"), `# work in progress\n${START}`);
  writeFileSync(join(root, "svc/staged.py"), `# staged work\n${START}`);
  git(root, "add", "svc/staged.py");
  writeFileSync(join(root, "svc/new.py"), START);
  writeFileSync(join(root, "svc/edited_ok.py"), "x = 2\n");
  return root;
}

const read = (root: string, path: string) => readFileSync(join(root, path), "utf8");

describe("the clean-tree guard", () => {
  it("fixes a clean file, leaves files with uncommitted work alone with a message, and exits 1", () => {
    const root = workInProgress();
    const result = runCli(["--write", "."], root);
    expect(result.code).toBe(1);
    expect(read(root, "svc/clean.py")).toBe(FIXED);
    expect(read(root, "svc/changed.py")).toBe(`# work in progress\n${START}`);
    expect(read(root, "svc/staged.py")).toBe(`# staged work\n${START}`);
    expect(read(root, "svc/new.py")).toBe(START);
    expect(result.stderr).toBe(
      [
        "mainguard: svc/changed.py: has uncommitted changes; commit or stash them, or pass --allow-dirty",
        "mainguard: svc/new.py: is untracked; commit it, or pass --allow-dirty",
        "mainguard: svc/staged.py: has uncommitted changes; commit or stash them, or pass --allow-dirty",
        "5 files scanned, 4 findings, 1 fixed in 1 file, 3 files with uncommitted work left alone.",
        "",
      ].join("\n"),
    );
    // Their findings are still pending.
    expect(result.stdout.split("\n").filter(Boolean).map((line) => line.split(":")[0])).toEqual(["svc/changed.py", "svc/new.py", "svc/staged.py"]);
  });

  it("fixes them all with --allow-dirty", () => {
    const root = workInProgress();
    const result = runCli(["--write", "--allow-dirty", "."], root);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("5 files scanned, 4 findings, 4 fixed in 4 files.\n");
    expect(read(root, "svc/changed.py")).toBe(`# work in progress\n${FIXED}`);
    expect(read(root, "svc/new.py")).toBe(FIXED);
  });

  it("does not guard a preview, a report, stdin, or a tree outside git", () => {
    const root = workInProgress();
    const dryRun = runCli(["--dry-run", "."], root);
    expect(dryRun.code).toBe(1);
    expect(dryRun.stdout).toContain("+++ b/svc/changed.py");
    expect(dryRun.stderr).not.toContain("uncommitted");
    expect(runCli(["--stdin-filename", "svc/changed.py"], root, {}, START).stdout).toBe(FIXED);
    const plain = makeTree({ "app.py": START });
    expect(runCli(["--write", "."], plain).code).toBe(0);
    expect(read(plain, "app.py")).toBe(FIXED);
  });
});
