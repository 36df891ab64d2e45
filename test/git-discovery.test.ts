import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTree, runCli, type CliResult } from "./cli-utils.js";
import { git, repository } from "./git-utils.js";
import { FIXTURES } from "./fixture-utils.js";

const STDLIB = execFileSync("python3", ["-c", 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: "utf8" }).trim();

const FLASK_START = "from flask import Flask\n\napp = Flask(__name__)\n\napp.run(debug=True)\n";

/** Every `.py` file under `from`, copied to the same place under `to`. */
function copyPython(from: string, to: string, skip: ReadonlySet<string> = new Set()): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory() && !skip.has(entry.name)) copyPython(source, join(to, entry.name), skip);
    else if (entry.isFile() && entry.name.endsWith(".py")) {
      mkdirSync(to, { recursive: true });
      cpSync(source, join(to, entry.name));
    }
  }
}

/** The run with git and with `--no-git` (the walker): what -v says each time, and the outputs. */
function bothWays(args: string[], cwd: string, env: Record<string, string | undefined> = {}): { git: CliResult; walker: CliResult } {
  return { git: runCli(args, cwd, env), walker: runCli(["--no-git", ...args], cwd, env) };
}

const found = (cwd: string, args: string[] = ["."], env: Record<string, string | undefined> = {}) => runCli(["-v", "-q", "--show-files", ...args], cwd, env);
const howFound = (cwd: string, args: string[] = ["."], env: Record<string, string | undefined> = {}) =>
  runCli(["-v", ...args], cwd, env).stderr.split("\n").find((line) => / (listed by git|found by walking)/.test(line));

describe("files listed by git", () => {
  it("gives the walker's output byte for byte on the standard library, the fixtures and the examples", () => {
    const root = makeTree({});
    copyPython(STDLIB, join(root, "python"), new Set(["site-packages"]));
    cpSync(FIXTURES, join(root, "__testfixtures__"), { recursive: true });
    cpSync(join(FIXTURES, "../examples"), join(root, "examples"), { recursive: true });
    git(root, "init", "-q");
    git(root, "add", "-A");
    // Half committed, half untracked: git lists both.
    git(root, "-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "-q", "-m", "some", "--", "python/email", "python/json", "__testfixtures__");
    for (const args of [["--show-files", "."], ["."], ["--format", "json", "."], ["--dry-run", "."], ["-v", "--format", "sarif", "python", "examples"]]) {
      const { git: withGit, walker } = bothWays(args, root);
      expect(withGit.stdout, args.join(" ")).toBe(walker.stdout);
      expect(withGit.stderr.replace(/^mainguard: \d+ files listed by git.*\n/m, ""), args.join(" ")).toBe(walker.stderr.replace(/^mainguard: \d+ files found by walking.*\n/m, ""));
      expect(withGit.code, args.join(" ")).toBe(walker.code);
    }
    expect(howFound(root)).toMatch(/^mainguard: \d+ files listed by git$/);
    const report = runCli(["--format", "json", "."], root);
    expect(report.stdout).toContain("MG001");
    expect(report.stderr).toContain("python/test/tokenizedata/bad_coding.py: skipped: line 1 declares the encoding uft-8");
  }, 120_000);

  it("reads names with spaces, line breaks and non-ASCII characters as they are", () => {
    const root = repository({ "a b/app.py": FLASK_START, "new\nline.py": FLASK_START, "café/app.py": FLASK_START, "ünïcode.py": FLASK_START });
    expect(howFound(root)).toMatch(/listed by git/);
    const { git: withGit, walker } = bothWays(["--format", "json", "."], root);
    expect(withGit).toEqual(walker);
    expect((JSON.parse(withGit.stdout) as Array<{ path: string }>).map((finding) => finding.path)).toEqual(["a b/app.py", "café/app.py", "new\nline.py", "ünïcode.py"]);
  });

  it("checks untracked files, leaves ignored ones out unless named, and skips files deleted from the work tree", () => {
    const root = repository({ ".gitignore": "ignored.py\nbuild-out/\n", "tracked.py": FLASK_START, "gone.py": FLASK_START, "ignored.py": FLASK_START, "build-out/app.py": FLASK_START });
    writeFileSync(join(root, "untracked.py"), FLASK_START);
    rmSync(join(root, "gone.py"));
    expect(found(root).stdout).toBe("tracked.py\nuntracked.py\n");
    expect(howFound(root)).toMatch(/listed by git/);
    // Named, an ignored file is checked (with git), and an ignored folder is walked.
    expect(found(root, ["ignored.py", "."]).stdout).toBe("ignored.py\ntracked.py\nuntracked.py\n");
    expect(howFound(root, ["ignored.py", "."])).toMatch(/listed by git/);
    expect(found(root, ["build-out"]).stdout).toBe("build-out/app.py\n");
    expect(howFound(root, ["build-out"])).toMatch(/found by walking/);
    for (const args of [["."], ["ignored.py", "."], ["build-out"]]) {
      const { git: withGit, walker } = bothWays(["--format", "json", ...args], root);
      expect(withGit.stdout, args.join(" ")).toBe(walker.stdout);
      expect(withGit.code, args.join(" ")).toBe(1);
    }
  });

  it("applies the always-skipped folders and --exclude below a named folder, as the walker does", () => {
    const root = repository({ "svc/app.py": FLASK_START, "svc/build/app.py": FLASK_START, "svc/legacy/app.py": FLASK_START, "node_modules/x.py": FLASK_START, "svc/old_app.py": FLASK_START });
    const args = ["--exclude", "legacy/", "--exclude", "*old_*.py", "."];
    expect(found(root, args).stdout).toBe("svc/app.py\n");
    expect(found(root, ["--no-git", ...args]).stdout).toBe("svc/app.py\n");
    expect(found(root, ["svc/build"]).stdout).toBe("svc/build/app.py\n");
  });

  it("leaves symlinks, submodules, nested repositories and trees outside git to the walker", () => {
    const linked = repository({ "app.py": FLASK_START });
    symlinkSync("app.py", join(linked, "link.py"));
    expect(howFound(linked)).toMatch(/found by walking/);
    expect(found(linked).stdout).toBe("app.py\n");
    const nested = repository({ "app.py": FLASK_START });
    git(nested, "init", "-q", "inner");
    writeFileSync(join(nested, "inner/app.py"), FLASK_START);
    expect(howFound(nested)).toMatch(/found by walking/);
    expect(found(nested).stdout).toBe("app.py\ninner/app.py\n");
    const library = repository({ "lib.py": FLASK_START });
    const withSubmodule = repository({ "app.py": FLASK_START });
    git(withSubmodule, "-c", "protocol.file.allow=always", "submodule", "add", "-q", library, "vendored");
    git(withSubmodule, "commit", "-q", "-m", "submodule");
    expect(howFound(withSubmodule)).toMatch(/found by walking/);
    expect(found(withSubmodule).stdout).toBe("app.py\nvendored/lib.py\n");
    const plain = makeTree({ "app.py": FLASK_START });
    expect(howFound(plain)).toMatch(/found by walking/);
  });

  it("walks the folders when git is not on the PATH, with the same output", () => {
    const root = repository({ "svc/app.py": FLASK_START, "lib/util.py": "x = 1\n" });
    // The CLI itself runs as process.execPath; nothing else is on this PATH.
    const noGit = { PATH: makeTree({}) };
    expect(spawnSync("git", ["--version"], { env: noGit }).error).toBeDefined();
    expect(howFound(root, ["."], noGit)).toMatch(/found by walking/);
    expect(runCli(["--format", "json", "."], root, noGit)).toEqual(runCli(["--format", "json", "."], root));
  });
});
