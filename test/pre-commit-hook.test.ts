import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTree, runCli } from "./cli-utils.js";
import { git, repository } from "./git-utils.js";

/** The hooks as pre-commit reads them: id → the entry's arguments after the `mainguard` command. */
function hooks(): Map<string, string[]> {
  const text = readFileSync(resolve(import.meta.dirname, "../.pre-commit-hooks.yaml"), "utf8");
  const found = new Map<string, string[]>();
  for (const block of text.split(/^- /m).slice(1)) {
    const id = /^id: (\S+)/m.exec(block)?.[1];
    const entry = /^\s*entry: (.+)$/m.exec(block)?.[1]?.trim().split(/\s+/);
    expect(/^\s*language: node$/m.test(block), `${id} runs with language: node`).toBe(true);
    expect(/^\s*types: \[python\]$/m.test(block), `${id} takes Python files`).toBe(true);
    if (id && entry) found.set(id, entry);
  }
  return found;
}

/** A command's stdout and exit code, without blocking the event loop. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ stdout: string; code: number | null }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.resume();
    child.on("close", (code) => done({ stdout, code }));
  });
}

const STAGED = { "svc/app.py": "from flask import Flask\napp = Flask(__name__)\napp.run()\n", "svc/ok.py": "x = 1\n" };

describe(".pre-commit-hooks.yaml", () => {
  it("defines mainguard (fix) and mainguard-check (report), each run on the command `mainguard`", () => {
    const all = hooks();
    expect([...all.keys()]).toEqual(["mainguard", "mainguard-check"]);
    for (const entry of all.values()) expect(entry[0]).toBe("mainguard");
  });

  it("mainguard-check fails the commit on a staged start and changes nothing", () => {
    const [, ...args] = hooks().get("mainguard-check")!;
    const root = makeTree(STAGED);
    const result = runCli([...args, "svc/app.py", "svc/ok.py"], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("svc/app.py:3:1: MG001");
    expect(readFileSync(join(root, "svc/app.py"), "utf8")).toBe(STAGED["svc/app.py"]);
  });

  it("mainguard fixes the staged files it is given and passes once they are fixed, in a git work tree too", () => {
    const [, ...args] = hooks().get("mainguard")!;
    // Staged files differ from HEAD: the clean-tree guard of --write must not refuse them.
    const root = repository({ "svc/ok.py": STAGED["svc/ok.py"] });
    writeFileSync(join(root, "svc/app.py"), STAGED["svc/app.py"]);
    git(root, "add", "svc/app.py");
    const first = runCli([...args, "svc/app.py", "svc/ok.py"], root);
    expect(first.code).toBe(0);
    expect(readFileSync(join(root, "svc/app.py"), "utf8")).toBe('from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run()\n');
    expect(runCli([...args, "svc/app.py", "svc/ok.py"], root).code).toBe(0);
  });

  // pre-commit installs the hook from this repository's last commit (npm pack, then npm install),
  // as a user's pre-commit would from GitHub. .ci/run installs Debian's pre-commit.
  const preCommit = spawnSync("pre-commit", ["--version"]).status === 0;
  if (!preCommit) console.log("pre-commit is not installed: the real pre-commit run is skipped");
  it.skipIf(!preCommit)("runs under pre-commit itself: fixes the staged file, then passes; mainguard-check fails on a start", async () => {
    const root = repository({ "svc/ok.py": STAGED["svc/ok.py"] });
    writeFileSync(join(root, "svc/app.py"), STAGED["svc/app.py"]);
    git(root, "add", "svc/app.py");
    const env = { ...process.env, PRE_COMMIT_HOME: mkdtempSync(join(tmpdir(), "mainguard-pre-commit-")) };
    // Not spawnSync: installing the hook takes long enough that vitest's worker must stay free to answer its runner.
    const tryRepo = async (hook: string) => {
      const { stdout, code } = await run("pre-commit", ["try-repo", resolve(import.meta.dirname, ".."), hook, "--files", "svc/app.py", "svc/ok.py"], root, env);
      return { stdout, status: code };
    };
    const first = await tryRepo("mainguard");
    expect(first.stdout).toContain("files were modified by this hook");
    expect(first.status).toBe(1);
    expect(readFileSync(join(root, "svc/app.py"), "utf8")).toBe('from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run()\n');
    const second = await tryRepo("mainguard");
    expect(second.stdout).toMatch(/mainguard \(fix import-time server starts\)\.+Passed/);
    expect(second.status).toBe(0);
    writeFileSync(join(root, "svc/app.py"), STAGED["svc/app.py"]);
    const check = await tryRepo("mainguard-check");
    expect(check.stdout).toContain("svc/app.py:3:1: MG001");
    expect(check.status).toBe(1);
    expect(readFileSync(join(root, "svc/app.py"), "utf8")).toBe(STAGED["svc/app.py"]);
  }, 240_000);
});
