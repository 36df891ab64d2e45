import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTree, runCli } from "./cli-utils.js";
import { repository } from "./git-utils.js";

const start = (module: string, name: string) => `from ${module} import ${name}\n\n${name}.run()\n`;

/**
 * A monorepo of three packages, each with its own table, and a fourth folder without one. The
 * root's table makes `api` an application and excludes `scratch/`; billing's makes `server` one
 * and excludes `legacy/`; users' extends the root's and adds a server call; reports' makes `web`
 * one and excludes `generated/`; tools has a pyproject.toml without a table, so the root's applies.
 */
function monorepo(): string {
  return repository({
    "pyproject.toml": '[tool.mainguard]\nextra-app-names = ["api"]\nexclude = ["scratch/"]\n',
    "packages/billing/pyproject.toml": '[project]\nname = "billing"\n\n[tool.mainguard]\nexclude = ["legacy/"]\nextra-app-names = ["server"]\n',
    "packages/billing/app.py": start("billing", "server"),
    "packages/billing/api_start.py": start("billing", "api"),
    "packages/billing/legacy/old.py": start("billing", "server"),
    "packages/billing/scratch/try.py": start("billing", "server"),
    "packages/users/pyproject.toml": '[tool.mainguard]\nextend = "../../pyproject.toml"\nextra-server-calls = ["users.dev.serve"]\n',
    "packages/users/api_app.py": start("users", "api"),
    "packages/users/dev.py": "from users.dev import serve\n\nserve()\n",
    "packages/users/scratch/try.py": start("users", "api"),
    "packages/reports/pyproject.toml": '[project]\nname = "reports"\n\n[tool.mainguard]\nextra-app-names = ["web"]\nexclude = ["generated/"]\n',
    "packages/reports/web.py": start("reports", "web"),
    "packages/reports/api.py": start("reports", "api"),
    "packages/reports/generated/web.py": start("reports", "web"),
    "packages/reports/scratch/web.py": start("reports", "web"),
    "tools/pyproject.toml": '[project]\nname = "tools"\n',
    "tools/api.py": start("tools", "api"),
    "tools/server.py": start("tools", "server"),
  });
}

const found = (stdout: string) => (JSON.parse(stdout) as Array<{ path: string; code: string }>).map((finding) => `${finding.path} ${finding.code}`);

describe("settings per package", () => {
  it("checks each file with its nearest [tool.mainguard], run from the root, with git or the walker", () => {
    const root = monorepo();
    const expected = [
      "packages/billing/app.py MG001",
      "packages/billing/scratch/try.py MG001",
      "packages/reports/scratch/web.py MG001",
      "packages/reports/web.py MG001",
      "packages/users/api_app.py MG001",
      "packages/users/dev.py MG001",
      "tools/api.py MG001",
    ];
    expect(runCli(["-v", "."], root).stderr).toContain("files listed by git");
    for (const args of [["."], ["--no-git", "."], ["--jobs", "2", "."], ["packages/billing", "packages/users", "packages/reports", "tools"]]) {
      const result = runCli(["--format", "json", ...args], root);
      expect(found(result.stdout), args.join(" ")).toEqual(expected);
      expect(result.code).toBe(1);
    }
    // From inside a package, the same settings apply to its files.
    expect(found(runCli(["--format", "json", "."], join(root, "packages/users")).stdout)).toEqual(["api_app.py MG001", "dev.py MG001"]);
  });

  it("uses one file for everything with --config", () => {
    const root = monorepo();
    const result = runCli(["--config", "pyproject.toml", "--format", "json", "."], root);
    expect(found(result.stdout)).toEqual([
      "packages/billing/api_start.py MG001",
      "packages/reports/api.py MG001",
      "packages/users/api_app.py MG001",
      "tools/api.py MG001",
    ]);
    const missing = runCli(["--config", "nope.toml", "."], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`mainguard: error: ${join(root, "nope.toml")}: cannot be read\n`);
  });

  it("shows the settings that apply to a file and where each comes from", () => {
    const root = monorepo();
    expect(runCli(["--show-settings", "packages/users/dev.py"], root).stdout).toBe(
      [
        "# settings for packages/users/dev.py, from packages/users/pyproject.toml",
        'exclude = ["scratch/"]                    # pyproject.toml (relative to ./)',
        'extra-app-names = ["api"]                 # pyproject.toml',
        'extra-server-calls = ["users.dev.serve"]  # packages/users/pyproject.toml',
        "report-rules = []                         # default",
        "unsafe-fixes = false                      # default",
        "",
      ].join("\n"),
    );
    expect(runCli(["--show-settings", "packages/billing/app.py", "--unsafe-fixes", "--exclude", "x/"], root).stdout).toBe(
      [
        "# settings for packages/billing/app.py, from packages/billing/pyproject.toml",
        'exclude = ["legacy/"]         # packages/billing/pyproject.toml (relative to packages/billing/)',
        'exclude = ["x/"]              # --exclude (relative to ./)',
        'extra-app-names = ["server"]  # packages/billing/pyproject.toml',
        "extra-server-calls = []       # default",
        "report-rules = []             # default",
        "unsafe-fixes = true           # --unsafe-fixes",
        "",
      ].join("\n"),
    );
    expect(runCli(["--show-settings", "app.py"], makeTree({})).stdout).toContain("# settings for app.py, from no pyproject.toml with [tool.mainguard]: the defaults");
  });

  it("names the file and the line of a broken table anywhere in the tree, and exits 2 before checking anything", () => {
    const root = monorepo();
    const broken = makeTree({ "a/pyproject.toml": '[tool.mainguard]\nextend = "../b/pyproject.toml"\n', "b/pyproject.toml": '[tool.mainguard]\nextend = "../a/pyproject.toml"\n', "a/app.py": start("a", "app") });
    const cycle = runCli(["."], broken);
    expect(cycle.code).toBe(2);
    expect(cycle.stderr).toBe(
      `mainguard: error: ${join(broken, "b/pyproject.toml")}: [tool.mainguard]: \`extend\` comes back to ${join(broken, "a/pyproject.toml")}: ${join(broken, "a/pyproject.toml")} -> ${join(broken, "b/pyproject.toml")} -> ${join(broken, "a/pyproject.toml")}\n`,
    );
    const typo = makeTree({ "pyproject.toml": "[tool.mainguard]\n", "pkg/pyproject.toml": '[tool.mainguard]\n\nextra-app-name = ["x"]\n', "pkg/app.py": start("pkg", "app") });
    const result = runCli(["--write", "."], typo);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `mainguard: error: ${join(typo, "pkg/pyproject.toml")}:3: [tool.mainguard]: unknown key \`extra-app-name\` (known: exclude, extend, extra-app-names, extra-server-calls, report-rules, unsafe-fixes)\n`,
    );
    expect(runCli(["--format", "json", "."], root).code).toBe(1);
  });
});
