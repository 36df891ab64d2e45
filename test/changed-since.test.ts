import { spawnSync } from "node:child_process";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTree, runCli } from "./cli-utils.js";
import { git, repository } from "./git-utils.js";

const start = (port: number) => `from flask import Flask\n\napp = Flask(__name__)\n\napp.run(port=${port})\n`;

/**
 * A history as a pull request sees it: `main` with five services, a branch that changes one and
 * renames another, `main` moving on after the branch left it, and on the branch a staged change,
 * an unstaged one and an untracked file.
 */
function history(): string {
  const root = repository({
    "svc/a.py": start(1), "svc/b.py": start(2), "svc/c.py": start(3), "svc/d.py": start(4), "svc/e.py": start(5), "tools/f.py": start(6),
    ".gitignore": "scratch/\n",
  });
  git(root, "switch", "-q", "-c", "feature");
  writeFileSync(join(root, "svc/a.py"), `${start(1)}# changed on the branch\n`);
  git(root, "mv", "svc/e.py", "svc/e2.py");
  git(root, "commit", "-q", "-am", "branch work");
  git(root, "switch", "-q", "main");
  writeFileSync(join(root, "tools/f.py"), `${start(6)}# changed on main after the branch left\n`);
  git(root, "commit", "-q", "-am", "main moves on");
  git(root, "switch", "-q", "feature");
  writeFileSync(join(root, "svc/b.py"), `${start(2)}# staged\n`);
  git(root, "add", "svc/b.py");
  writeFileSync(join(root, "svc/c.py"), `${start(3)}# not staged\n`);
  writeFileSync(join(root, "svc/g.py"), start(7));
  writeFileSync(join(root, "svc/h.txt"), "not Python\n");
  return root;
}

const paths = (stdout: string) => [...new Set((JSON.parse(stdout) as Array<{ path: string }>).map((finding) => finding.path))];

describe("--changed-since", () => {
  it("checks only what differs from the merge-base: committed on the branch, staged, unstaged, untracked, renamed", () => {
    const root = history();
    const result = runCli(["--changed-since", "main", "--format", "json", "."], root);
    expect(result.code).toBe(1);
    expect(paths(result.stdout)).toEqual(["svc/a.py", "svc/b.py", "svc/c.py", "svc/e2.py", "svc/g.py"]);
    expect(result.stderr).toContain("5 files scanned, 5 findings");
    // The same change set whichever way the files are found.
    expect(runCli(["--no-git", "--changed-since", "main", "--format", "json", "."], root).stdout).toBe(result.stdout);
    // Intersected with the paths given, and with a ref given as a commit.
    const base = git(root, "rev-parse", "main~1").trim();
    expect(paths(runCli(["--changed-since", base, "--format", "json", "svc/a.py", "svc/c.py", "tools"], root).stdout)).toEqual(["svc/a.py", "svc/c.py"]);
    // From a subfolder, paths stay relative to it.
    expect(runCli(["--changed-since", "main", "--show-files"], join(root, "svc")).stdout).toBe("a.py\nb.py\nc.py\ne2.py\ng.py\n");
  });

  it("fixes only the changed files with --write: the committed ones, and with --allow-dirty the rest", () => {
    const root = history();
    renameSync(join(root, "svc/g.py"), join(root, "svc/g_new.py"));
    const committed = runCli(["--changed-since", "main", "--write", "."], root);
    expect(committed.code).toBe(1);
    expect(committed.stderr).toContain("5 files scanned, 5 findings, 2 fixed in 2 files, 3 files with uncommitted work left alone.");
    expect(git(root, "status", "--porcelain", "--", "svc/a.py", "svc/e2.py")).toBe(" M svc/a.py\n M svc/e2.py\n");
    const result = runCli(["--changed-since", "main", "--write", "--allow-dirty", "."], root);
    expect(result.code).toBe(0);
    // a.py and e2.py were fixed by the first run, and now differ from HEAD: fixed already, nothing to do.
    expect(result.stderr).toContain("5 files scanned, 3 findings, 3 fixed in 3 files.");
    expect(git(root, "status", "--porcelain", "--", "svc/d.py", "tools/f.py")).toBe("");
  });

  it("says which ref it does not know, and exits 2", () => {
    const root = history();
    const result = runCli(["--changed-since", "no-such-branch", "."], root);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("mainguard: error: --changed-since no-such-branch: no such branch, tag or commit in this repository\n");
    expect(runCli(["--changed-since", "--output=x", "."], root).stderr).toContain("--changed-since --output=x: no such branch");
  });

  it("is the GitHub Action's changed-since input", () => {
    const root = history();
    const action = readFileSync(resolve(import.meta.dirname, "../action.yml"), "utf8");
    // The action's own script: the `run: |` block of its "Run mainguard" step.
    const block = action.slice(action.indexOf("- name: Run mainguard"));
    const script = block.slice(block.indexOf("run: |") + "run: |".length).replace(/^ {8}/gm, "");
    const env = { ...process.env, GITHUB_ACTION_PATH: resolve(import.meta.dirname, ".."), MG_PATHS: ".", MG_MODE: "report", MG_SARIF: "out.sarif", MG_ARGS: "", MG_FAIL: "true", MG_CHANGED_SINCE: "main" };
    const result = spawnSync("bash", ["-e", "-c", script], { cwd: root, env, encoding: "utf8" });
    expect(result.status).toBe(1);
    const sarif = JSON.parse(readFileSync(join(root, "out.sarif"), "utf8")) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    const uris = sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(["svc/a.py", "svc/b.py", "svc/c.py", "svc/e2.py", "svc/g.py"]);
    expect(result.stdout.match(/^::warning /gm)).toHaveLength(5);
    const all = spawnSync("bash", ["-e", "-c", script], { cwd: root, env: { ...env, MG_CHANGED_SINCE: "" }, encoding: "utf8" });
    expect(all.stdout.match(/^::warning /gm)).toHaveLength(7);
  });

  it("says it needs a git work tree, and exits 2", () => {
    const root = makeTree({ "app.py": start(1) });
    const result = runCli(["--changed-since", "main", "."], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`mainguard: error: --changed-since needs a git work tree, and ${root} is not in one\n`);
  });
});
