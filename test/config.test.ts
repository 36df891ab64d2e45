import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTree, runCli } from "./cli-utils.js";

const NESTED = 'import os\nfrom flask import Flask\n\napp = Flask(__name__)\n\nif os.environ.get("DEV"):\n    app.run()\n';
const NESTED_FIXED = 'import os\nfrom flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    if os.environ.get("DEV"):\n        app.run()\n';

describe("[tool.mainguard] in pyproject.toml", () => {
  it("extra-app-names and extra-server-calls widen the catalog", () => {
    const files = {
      "svc/a.py": "from myproject import server\n\nserver.run(port=1)\n",
      "svc/b.py": "from myproject.runner import serve\n\nserve()\n",
      // The project's own package: a name imported from it may be an application.
      "myproject/__init__.py": "",
    };
    expect(runCli(["svc"], makeTree(files)).stdout).toBe("");
    const root = makeTree({
      ...files,
      "pyproject.toml": '[project]\nname = "x"\n\n[tool.mainguard]\nextra-app-names = ["server"]\nextra-server-calls = ["myproject.runner.serve"]\n',
    });
    const result = runCli(["svc"], root);
    expect(result.stdout).toBe(
      'svc/a.py:3:1: MG001 `server.run(...)` starts a development server whenever this module is imported; move it under `if __name__ == "__main__":`\n' +
        'svc/b.py:3:1: MG001 `serve(...)` starts a server whenever this module is imported; move it under `if __name__ == "__main__":`\n',
    );
  });

  it("unsafe-fixes = true applies MG002, and --no-unsafe-fixes wins over it", () => {
    const config = "[tool.mainguard]\nunsafe-fixes = true\n";
    const overridden = makeTree({ "pyproject.toml": config, "app.py": NESTED });
    const kept = runCli(["--write", "--no-unsafe-fixes", "."], overridden);
    expect(kept.stdout).toContain("app.py:7:5: MG002");
    expect(kept.stdout).toContain("[unsafe fix]");
    expect(kept.stderr).toBe("1 file scanned, 1 finding, 0 fixed in 0 files, 1 more fixable with --unsafe-fixes.\n");
    expect(kept.code).toBe(1);
    expect(readFileSync(join(overridden, "app.py"), "utf8")).toBe(NESTED);

    const root = makeTree({ "pyproject.toml": config, "app.py": NESTED });
    const fixed = runCli(["--write", "."], root);
    expect(fixed.code).toBe(0);
    expect(readFileSync(join(root, "app.py"), "utf8")).toBe(NESTED_FIXED);
  });

  it("exclude patterns are relative to the pyproject.toml, and the nearest file with the table is used", () => {
    const root = makeTree({
      "pyproject.toml": '[tool.mainguard]\nexclude = ["legacy/", "*_old.py"]\n',
      "pkg/pyproject.toml": '[project]\nname = "pkg"\n',
      "pkg/legacy/app.py": "x = 1\n",
      "pkg/main_old.py": "x = 1\n",
      "pkg/main.py": "x = 1\n",
    });
    expect(runCli(["--show-files"], join(root, "pkg")).stdout).toBe("main.py\n");
  });

  it("rejects unknown keys, wrong types and malformed TOML with exit 2, naming the file, the line and the key", () => {
    const unknown = makeTree({ "pyproject.toml": "[tool.mainguard]\nextra-apps = [\"x\"]\n", "a.py": "x = 1\n" });
    const result = runCli(["."], unknown);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `mainguard: error: ${join(unknown, "pyproject.toml")}:2: [tool.mainguard]: unknown key \`extra-apps\` (known: exclude, extend, extra-app-names, extra-server-calls, report-rules, unsafe-fixes)\n`,
    );
    const wrongType = makeTree({ "pyproject.toml": '[project]\nname = "x"\n\n[tool.mainguard]\nexclude = []\nunsafe-fixes = "yes"\n' });
    expect(runCli(["."], wrongType).stderr).toBe(`mainguard: error: ${join(wrongType, "pyproject.toml")}:6: [tool.mainguard]: \`unsafe-fixes\` must be true or false\n`);
    const badName = makeTree({ "pyproject.toml": '[tool.mainguard]\nextra-server-calls = ["serve"]\n' });
    expect(runCli(["."], badName).stderr).toContain('"serve" is not a dotted name');
    const malformed = makeTree({ "pyproject.toml": "[tool.mainguard]\nexclude = [\n" });
    const bad = runCli(["."], malformed);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^mainguard: error: .*pyproject\.toml: not valid TOML: /);
  });
});

describe("# mainguard: ignore", () => {
  it("silences a finding and counts it in the summary", () => {
    const root = makeTree({ "a.py": "from flask import Flask\napp = Flask(__name__)\napp.run()  # mainguard: ignore\n" });
    expect(runCli(["."], root)).toEqual({ code: 0, stdout: "", stderr: "1 file scanned, 0 findings, 1 suppressed.\n" });
  });
});
