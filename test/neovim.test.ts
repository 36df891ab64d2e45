/**
 * A real editor: Debian's Neovim (0.7.2, its built-in LSP client, headless) runs mainguard server,
 * gets the MG001 diagnostic, applies the preferred code action and writes; a second file is fixed
 * on save through source.fixAll.mainguard. The files' bytes must be --write's. `.ci/run` installs
 * Neovim; without it the test is skipped and says so.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, runCli } from "./cli-utils.js";

const nvim = spawnSync("nvim", ["--version"], { encoding: "utf8" });
const available = nvim.status === 0;
if (!available) console.warn("neovim.test.ts: skipped: no nvim on PATH (.ci/run installs Debian's neovim)");

const APP = 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/")\ndef index():\n    return "héllo 世界"\n\n\napp.run(host="127.0.0.1", debug=True)\n';
const ON_SAVE = "# 日本語のコメント\r\nimport uvicorn\r\nfrom fastapi import FastAPI\r\n\r\napi = FastAPI()\r\nuvicorn.run(api, port=8000)\r\nprint('😀')\r\n";

describe.skipIf(!available)("Neovim 0.7.2 as the client", () => {
  it("applies the preferred quick fix and the fix-all on save, giving --write's bytes", () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), "mainguard-nvim-")));
    writeFileSync(join(root, "app.py"), APP);
    writeFileSync(join(root, "on_save.py"), ON_SAVE);
    const expected = realpathSync(mkdtempSync(join(tmpdir(), "mainguard-nvim-expected-")));
    writeFileSync(join(expected, "app.py"), APP);
    writeFileSync(join(expected, "on_save.py"), ON_SAVE);
    expect(runCli(["--write", "-q", "--no-git", "."], expected).code).toBe(0);

    const reportPath = join(root, "..", `${root.split("/").pop()}-report.json`);
    const run = spawnSync("nvim", ["--headless", "-n", "-i", "NONE", "-u", resolve(import.meta.dirname, "neovim/e2e.lua"), join(root, "app.py")], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, MAINGUARD_CMD: JSON.stringify([process.execPath, CLI, "server"]), MAINGUARD_ROOT: root, MAINGUARD_REPORT: reportPath },
    });
    const report = JSON.parse(readFileSync(reportPath, "utf8")) as { ok: boolean; problem?: string; offset_encoding: string; diagnostics: Array<Record<string, unknown>>; titles: string[]; cleared: boolean };
    expect(report.problem ?? "", run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(report.offset_encoding).toBe("utf-16");
    expect(report.diagnostics).toEqual([
      {
        code: "MG001",
        source: "mainguard",
        lnum: 10,
        col: 0,
        message: expect.stringMatching(/^`app\.run\(\.\.\.\)` starts the Flask development server whenever this module is imported/),
      },
    ]);
    expect(report.titles).toEqual(['Move `app.run(...)` under `if __name__ == "__main__":`', "Disable MG001 for this line (# mainguard: ignore[MG001])", "mainguard: fix all fixable findings"]);
    expect(report.cleared).toBe(true);
    expect(readFileSync(join(root, "app.py"))).toEqual(readFileSync(join(expected, "app.py")));
    expect(readFileSync(join(root, "on_save.py"))).toEqual(readFileSync(join(expected, "on_save.py")));
    expect(readFileSync(join(root, "on_save.py"), "utf8")).toContain('if __name__ == "__main__":\r\n    uvicorn.run(api, port=8000)\r\n');
  }, 90_000);
});
