/**
 * Every fixture through `mainguard server`: the quick fixes and `source.fixAll.mainguard`, applied
 * as a client applies them, give exactly the bytes `mainguard --write` leaves, with safe fixes
 * and (a pyproject.toml turning them on) with unsafe ones.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CodeAction, Diagnostic } from "vscode-languageserver-protocol";
import { CLI } from "./cli-utils.js";
import { FIXTURES, fixtureCases } from "./fixture-utils.js";
import { applyEdits, editsFor, LspClient, uriOf } from "./lsp-client.js";

const inputs = ["server-start", "nested-server-start", "indirect-server-start", "exposed-debugger"].flatMap((transform) =>
  fixtureCases(transform).map((c) => relative(FIXTURES, c.inputPath)),
);

/** A copy of the fixtures (with unsafe fixes on, through pyproject.toml) and what --write makes of it. */
function writtenCopy(unsafe: boolean): { root: string; written: Map<string, string> } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "mainguard-server-fixtures-")));
  cpSync(FIXTURES, root, { recursive: true });
  if (unsafe) writeFileSync(join(root, "pyproject.toml"), "[tool.mainguard]\nunsafe-fixes = true\n");
  const copy = realpathSync(mkdtempSync(join(tmpdir(), "mainguard-server-written-")));
  cpSync(root, copy, { recursive: true });
  const run = spawnSync(process.execPath, [CLI, "--write", "-q", "--no-git", "--jobs", "1", "."], { cwd: copy, encoding: "utf8" });
  expect([0, 1], run.stderr).toContain(run.status);
  return { root, written: new Map(inputs.map((input) => [input, readFileSync(join(copy, input), "utf8")])) };
}

const clients: LspClient[] = [];
afterAll(() => clients.forEach((client) => client.kill()));

const lineRange = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });

describe("every fixture through mainguard server", () => {
  for (const unsafe of [false, true]) {
    it(`fix-all and the quick fixes give --write's bytes (${unsafe ? "unsafe-fixes = true" : "safe fixes"})`, async () => {
      const { root, written } = writtenCopy(unsafe);
      const client = await LspClient.start(root);
      clients.push(client);
      let version = 0;
      let changed = 0;
      for (const input of inputs) {
        const text = readFileSync(join(root, input), "utf8");
        const expected = written.get(input)!;
        if (expected !== text) changed++;
        const uri = uriOf(join(root, input));
        await client.open(uri, text, ++version);
        const diagnostics = await client.diagnostics(uri, version);
        const [fixAll] = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: lineRange(0), context: { diagnostics: [], only: ["source.fixAll.mainguard"] } });
        expect(fixAll ? applyEdits(text, editsFor(fixAll.edit!, uri), "utf-16") : text, `${input}: fix-all`).toBe(expected);

        // One quick fix at a time, as a user would take them, each on the text the previous left.
        let current = text;
        let pending: Diagnostic[] = diagnostics;
        for (let round = 0; round < 10; round++) {
          const fixes: CodeAction[] = [];
          for (const diagnostic of pending) {
            const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ["quickfix"] } });
            const fix = actions.find((action) => !action.title.startsWith("Disable") && action.diagnostics?.[0]?.range.start.line === diagnostic.range.start.line);
            // With safe fixes only, an unsafe quick fix is offered but is not what --write applies.
            if (fix && (unsafe || fix.isPreferred)) fixes.push(fix);
          }
          if (fixes.length === 0) break;
          current = applyEdits(current, editsFor(fixes[0]!.edit!, uri), "utf-16");
          await client.change(uri, ++version, [{ text: current }]);
          pending = await client.diagnostics(uri, version);
        }
        expect(current, `${input}: quick fixes`).toBe(expected);
        await client.close(uri);
      }
      expect(changed).toBeGreaterThan(unsafe ? 95 : 80);
      expect(await client.shutdownAndExit()).toBe(0);
    }, 120_000);
  }
});
