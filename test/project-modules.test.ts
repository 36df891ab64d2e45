import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTree, runCli } from "./cli-utils.js";

// An `app` imported by name is the project's application only when its module is the project's
// own: the CLI looks for it beside the file and in the folders above, up to the repository's root.
const run = "from mg_service import app\n\napp.run(debug=True)\n";
const fixed = 'from mg_service import app\n\nif __name__ == "__main__":\n    app.run(debug=True)\n';
const finding = "scripts/run.py:3:1: MG001 `app.run(...)` starts a development server whenever this module is imported; move it under `if __name__ == \"__main__\":`";

/** A repository (its `.git` bounds the search) holding `files`. */
const repository = (files: Record<string, string>) => makeTree({ ".git/HEAD": "ref: refs/heads/main\n", ...files });

describe("an application imported from a module", () => {
  it.each([
    ["a package beside the file", { "scripts/mg_service/__init__.py": "app = None\n" }],
    ["a module beside the file", { "scripts/mg_service.py": "app = None\n" }],
    ["a package at the repository's root", { "mg_service/__init__.py": "app = None\n" }],
    ["a package under src/", { "src/mg_service/__init__.py": "app = None\n" }],
  ])("is the project's when the module is %s", (_, files) => {
    const root = repository({ "scripts/run.py": run, ...files });
    const checked = runCli(["."], root);
    expect(checked.stdout).toBe(`${finding}\n`);
    expect(checked.code).toBe(1);
    const written = runCli(["--write", "."], root);
    expect(written.stderr).toMatch(/1 fixed in 1 file/);
    expect(written.code).toBe(0);
    expect(readFileSync(join(root, "scripts/run.py"), "utf8")).toBe(fixed);
  });

  it("is a package's when no such module is in the repository: no finding, the file untouched", () => {
    const root = repository({ "scripts/run.py": run, "other/mg_other.py": "app = None\n" });
    const result = runCli(["--write", "."], root);
    expect(result.stdout).toBe("");
    expect(result.code).toBe(0);
    expect(readFileSync(join(root, "scripts/run.py"), "utf8")).toBe(run);
  });

  it("is not looked for above the repository's root", () => {
    const outer = makeTree({ "mg_service/__init__.py": "app = None\n", "repo/.git/HEAD": "ref: refs/heads/main\n", "repo/scripts/run.py": run });
    const result = runCli(["."], join(outer, "repo"));
    expect(result.stdout).toBe("");
    expect(result.code).toBe(0);
  });

  it("of a package is the project's in a file that imports a web framework", () => {
    const root = repository({ "scripts/run.py": `import flask\n${run}` });
    const result = runCli(["--format", "json", "scripts/run.py"], root);
    const [found] = JSON.parse(result.stdout) as { code: string; reason: string }[];
    expect(found).toMatchObject({ code: "MG001", reason: "`app` is imported from `mg_service` on line 2 in a file that imports `flask` on line 1" });
    expect(result.code).toBe(1);
  });

  it("through stdin, is looked for beside --stdin-filename", () => {
    const root = repository({ "svc/mg_service.py": "app = None\n" });
    const beside = runCli(["--stdin-filename", "svc/run.py"], root, {}, run);
    expect(beside.stdout).toBe(fixed);
    expect(beside.code).toBe(0);
    const elsewhere = runCli(["--stdin-filename", "tools/run.py"], root, {}, run);
    expect(elsewhere.stdout).toBe(run);
    expect(elsewhere.code).toBe(0);
  });
});
