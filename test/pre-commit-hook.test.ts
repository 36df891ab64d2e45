import { readFileSync, writeFileSync } from "node:fs";
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
});
