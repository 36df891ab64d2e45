import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-utils.js";
import { git, repository } from "./git-utils.js";

const start = (name: string) => `from flask import Flask\n\n${name} = Flask(__name__)\n\n${name}.run()\n`;

/** A repository whose CODEOWNERS has a wildcard, folder patterns, a later rule overriding an earlier one, a rule with no owner, and a `dir/*` rule. */
function monorepo(): string {
  return repository({
    ".github/CODEOWNERS": [
      "# owners",
      "*.py @org/python",
      "/services/billing/ @org/billing",
      "services/billing/legacy/ @alice @bob",
      "/services/orphan/",
      "docs/*.py @org/docs",
      "",
    ].join("\n"),
    "pyproject.toml": '[project]\nname = "mono"\n',
    "services/billing/pyproject.toml": '[project]\nname = "billing"\n',
    "services/billing/app.py": start("app"),
    "services/billing/legacy/old.py": start("app"),
    "services/users/setup.py": "from setuptools import setup\nsetup()\n",
    "services/users/app.py": start("app"),
    "services/orphan/app.py": start("app"),
    "tools/serve.py": start("app"),
    "docs/example.py": start("app"),
    "docs/deep/nested.py": start("app"),
    "lib/clean.py": "x = 1\n",
  });
}

const outDir = () => mkdtempSync(join(tmpdir(), "mainguard-split-"));

/** Every .py file's bytes under `root`, by path. */
function pythonBytes(root: string): Map<string, Buffer> {
  const files = git(root, "ls-files", "-z", "--", "*.py").split("\0").filter(Boolean);
  return new Map(files.map((path) => [path, readFileSync(join(root, path))]));
}

/** The patches of `out`, each applied alone with `git apply --check`, then all applied in a fresh clone. */
function applyAll(root: string, out: string): { checks: number[]; bytes: Map<string, Buffer> } {
  const patches = readdirSync(out).filter((name) => name.endsWith(".patch"));
  const checks = patches.map((patch) => spawnSync("git", ["apply", "--check", join(out, patch)], { cwd: root }).status ?? -1);
  const clone = mkdtempSync(join(tmpdir(), "mainguard-clone-"));
  git(clone, "clone", "-q", root, ".");
  for (const patch of patches) git(clone, "apply", join(out, patch));
  return { checks, bytes: pythonBytes(clone) };
}

/** What --write makes of the same files, in another clone. */
function written(root: string): Map<string, Buffer> {
  const clone = mkdtempSync(join(tmpdir(), "mainguard-clone-"));
  git(clone, "clone", "-q", root, ".");
  expect(runCli(["--write", "."], clone).code).toBe(0);
  return pythonBytes(clone);
}

describe("--dry-run --split-by", () => {
  it("writes one patch per owner from CODEOWNERS, each applying alone, together giving --write's bytes", () => {
    const root = monorepo();
    const out = outDir();
    const result = runCli(["--dry-run", "--split-by", "owners", "--out", out, "."], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("mainguard: 5 patches in ");
    expect(readdirSync(out).sort()).toEqual(["alice+bob.patch", "index.json", "index.md", "org-billing.patch", "org-docs.patch", "org-python.patch", "unowned.patch"]);
    const index = JSON.parse(readFileSync(join(out, "index.json"), "utf8")) as { splitBy: string; codeowners: string; patches: Array<{ patch: string; owners: string[]; files: string[]; findings: number; title: string; body: string }> };
    expect(index.splitBy).toBe("owners");
    expect(index.codeowners).toBe(".github/CODEOWNERS");
    expect(index.patches.map((p) => [p.patch, p.owners, p.files, p.findings])).toEqual([
      ["alice+bob.patch", ["@alice", "@bob"], ["services/billing/legacy/old.py"], 1],
      ["org-billing.patch", ["@org/billing"], ["services/billing/app.py"], 1],
      ["org-docs.patch", ["@org/docs"], ["docs/example.py"], 1],
      ["org-python.patch", ["@org/python"], ["docs/deep/nested.py", "services/users/app.py", "tools/serve.py"], 3],
      ["unowned.patch", [], ["services/orphan/app.py"], 1],
    ]);
    expect(index.patches[1]!.title).toBe("Guard import-time server starts in @org/billing (MG001, CWE-668)");
    expect(index.patches[1]!.body).toContain("CWE-668");
    const markdown = readFileSync(join(out, "index.md"), "utf8");
    expect(markdown).toContain("| [org-python.patch](org-python.patch) | @org/python | 3 | 3 | Guard import-time server starts in @org/python (MG001, CWE-668) |");
    expect(markdown).toContain("| [unowned.patch](unowned.patch) | (unowned) | 1 | 1 |");
    const { checks, bytes } = applyAll(root, out);
    expect(checks).toEqual([0, 0, 0, 0, 0]);
    expect(bytes).toEqual(written(root));
    // The work tree was not touched.
    expect(git(root, "status", "--porcelain")).toBe("");
  });

  it("writes one patch per package (the nearest pyproject.toml, setup.py or setup.cfg)", () => {
    const root = monorepo();
    const out = outDir();
    expect(runCli(["--dry-run", "--split-by", "package", "--out", out, "."], root).code).toBe(1);
    const index = JSON.parse(readFileSync(join(out, "index.json"), "utf8")) as { patches: Array<{ patch: string; package: string; files: string[] }> };
    expect(index.patches.map((p) => [p.patch, p.package, p.files])).toEqual([
      ["root.patch", ".", ["docs/deep/nested.py", "docs/example.py", "services/orphan/app.py", "tools/serve.py"]],
      ["services__billing.patch", "services/billing", ["services/billing/app.py", "services/billing/legacy/old.py"]],
      ["services__users.patch", "services/users", ["services/users/app.py"]],
    ]);
    const { checks, bytes } = applyAll(root, out);
    expect(checks).toEqual([0, 0, 0]);
    expect(bytes).toEqual(written(root));
  });

  it("needs --dry-run and --out together, and refuses a write", () => {
    const root = monorepo();
    for (const args of [["--split-by", "owners", "--out", "x", "."], ["--dry-run", "--split-by", "owners", "."], ["--dry-run", "--out", "x", "."]]) {
      const result = runCli(args, root);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toBe("mainguard: error: --split-by and --out go together, with --dry-run: mainguard --dry-run --split-by owners --out DIR\n");
    }
    const write = runCli(["--write", "--split-by", "owners", "--out", "x", "."], root);
    expect(write).toEqual({ code: 2, stdout: "", stderr: "mainguard: error: option '--split-by <by>' cannot be used with option '--write'\n" });
  });
});
