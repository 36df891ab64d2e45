import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ALWAYS_SKIPPED } from "../src/discover/discover.js";
import { makeTree, runCli } from "./cli-utils.js";

const SERVICES = 42;
const app = (n: number) => `from flask import Flask\n\napp = Flask("svc-${n}")\n\n\n@app.route("/")\ndef index():\n    return "svc ${n}"\n\n\napp.run(port=${5000 + n})\n`;
const fixedApp = (n: number) => app(n).replace(`app.run(port=${5000 + n})\n`, `if __name__ == "__main__":\n    app.run(port=${5000 + n})\n`);
const runPy = "#!/usr/bin/env python3\nfrom app import app\n\napp.run(debug=True)\n";
const fixedRunPy = '#!/usr/bin/env python3\nfrom app import app\n\nif __name__ == "__main__":\n    app.run(debug=True)\n';
const test = "from app import app\n\n\ndef test_index():\n    assert app.test_client().get('/').status_code == 200\n";

/** Paths whose files must never be touched: ignored, excluded or vendored. */
const UNTOUCHED = [
  ".venv/lib/python3.11/site-packages/flask/demo.py",
  "node_modules/some-pkg/server.py",
  "services/svc-5/.venv/lib/app.py",
  "generated/app.py",
  "services/svc-3/scratch/app.py",
  "services/svc-3/legacy.py",
  "services/svc-8/x.local.py",
  "secret_service/app.py",
  "build/app.py",
];

function makeMonorepo(): string {
  const files: Record<string, string> = {
    ".gitignore": "generated/\n*.local.py\n!keep.local.py\n",
    "services/svc-3/.gitignore": "scratch/\n/legacy.py\n",
    "services/svc-7/keep.local.py": app(7),
    "libs/common/util.py": "def helper():\n    return 1\n",
  };
  for (let n = 0; n < SERVICES; n++) {
    files[`services/svc-${n}/app.py`] = app(n);
    files[`services/svc-${n}/tests/test_app.py`] = test;
  }
  for (const path of UNTOUCHED) files[path] = app(99);
  const root = makeTree(files);
  execFileSync("git", ["init", "-q"], { cwd: root });
  writeFileSync(join(root, ".git/info/exclude"), "secret_service/\n");
  for (const n of [1, 2, 11]) {
    writeFileSync(join(root, `services/svc-${n}/run.py`), runPy);
    chmodSync(join(root, `services/svc-${n}/run.py`), 0o755);
  }
  // A directory loop: svc-9/loop points back at services/.
  symlinkSync("..", join(root, "services/svc-9/loop"));
  mkdirSync(join(root, "empty"));
  // Committed, as a monorepo is: --write leaves files with uncommitted work alone.
  execFileSync("git", ["add", "-A"], { cwd: root });
  execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=T", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "monorepo"], { cwd: root });
  return root;
}

describe("a generated monorepo", () => {
  let root: string;
  beforeAll(() => {
    root = makeMonorepo();
  });

  it("checks exactly the .py files git would list, minus the always-skipped directories", () => {
    const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" })
      .split("\n")
      .filter((path) => path.endsWith(".py") && !path.split("/").some((part) => ALWAYS_SKIPPED.has(part)))
      .sort();
    const shown = runCli(["--show-files"], root);
    expect(shown.code).toBe(0);
    expect(shown.stdout.split("\n").filter(Boolean)).toEqual(listed);
    expect(listed).toContain("services/svc-7/keep.local.py");
    expect(listed.length).toBe(SERVICES * 2 + 3 + 2);
  });

  it("reports every service in sorted order whatever the worker scheduling", () => {
    const result = runCli(["--jobs", "2", "."], root);
    const paths = result.stdout.split("\n").filter(Boolean).map((line) => line.split(":")[0]);
    expect(paths).toEqual([...paths].sort());
    expect(paths.length).toBe(SERVICES + 3 + 1);
    expect(result.code).toBe(1);
  });

  it("reports the same with one thread, two, or the main thread and three workers", () => {
    const reports = ["1", "2", "4"].map((jobs) => runCli(["--format", "json", "--jobs", jobs, "."], root));
    for (const report of reports) expect(report.code).toBe(1);
    expect(JSON.parse(reports[0]!.stdout)).toHaveLength(SERVICES + 4);
    expect(reports[1]!.stdout).toBe(reports[0]!.stdout);
    expect(reports[2]!.stdout).toBe(reports[0]!.stdout);
  });

  it("fixes everything with one --write, leaving ignored trees untouched and keeping mode bits", () => {
    const before = new Map(UNTOUCHED.map((path) => [path, readFileSync(join(root, path))]));
    const result = runCli(["--write", "--jobs", "2", "."], root);
    expect(result.stderr).toBe(`${SERVICES * 2 + 5} files scanned, ${SERVICES + 4} findings, ${SERVICES + 4} fixed in ${SERVICES + 4} files.\n`);
    expect(result.code).toBe(0);
    for (let n = 0; n < SERVICES; n++) expect(readFileSync(join(root, `services/svc-${n}/app.py`), "utf8")).toBe(fixedApp(n));
    expect(readFileSync(join(root, "services/svc-7/keep.local.py"), "utf8")).toBe(fixedApp(7));
    for (const n of [1, 2, 11]) {
      expect(readFileSync(join(root, `services/svc-${n}/run.py`), "utf8")).toBe(fixedRunPy);
      expect(statSync(join(root, `services/svc-${n}/run.py`)).mode & 0o777).toBe(0o755);
    }
    for (const [path, bytes] of before) expect(readFileSync(join(root, path)), path).toEqual(bytes);
    expect(runCli(["."], root).code).toBe(0);
  });

  it("processes a path named on the command line even when it is ignored", () => {
    expect(runCli(["generated/app.py"], root).stdout).toContain("generated/app.py:11:1: MG001");
    expect(runCli(["--show-files", "generated"], root).stdout).toBe("generated/app.py\n");
  });

  it("--no-ignore reads no .gitignore; --exclude adds patterns", () => {
    const all = runCli(["--show-files", "--no-ignore"], root).stdout.split("\n");
    expect(all).toContain("generated/app.py");
    expect(all).toContain("secret_service/app.py");
    expect(all).not.toContain("build/app.py");
    const excluded = runCli(["--show-files", "--exclude", "tests/", "--exclude", "services/svc-1*"], root).stdout.split("\n");
    expect(excluded.some((path) => path.includes("/tests/"))).toBe(false);
    expect(excluded.some((path) => path.startsWith("services/svc-1"))).toBe(false);
    expect(excluded).toContain("services/svc-2/app.py");
  });
});
