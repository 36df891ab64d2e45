/**
 * What the CLI says about every fixture, for the tests that hold another host (the core bundled for
 * a browser, the playground page) to it: the JSON findings and the bytes `--write` leaves.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { expect } from "vitest";
import { CLI } from "./cli-utils.js";
import { FIXTURES, fixtureCases } from "./fixture-utils.js";

/** Every fixture input of every transform. */
export const FIXTURE_INPUTS = ["server-start", "nested-server-start", "indirect-server-start", "exposed-debugger"].flatMap((transform) =>
  fixtureCases(transform).map((c) => c.inputPath),
);

export interface CliView {
  /** By path (relative to __testfixtures__): "line:column: CODE message" per finding. */
  findings: Map<string, string[]>;
  outputs: Map<string, Buffer>;
}

/** The CLI over a copy of the fixtures: its JSON findings, then the bytes `--write` leaves. */
export function cliOnFixtures(unsafe: boolean): CliView {
  const root = mkdtempSync(join(tmpdir(), "mainguard-parity-"));
  cpSync(FIXTURES, root, { recursive: true });
  const flags = ["--no-git", "--jobs", "1", ...(unsafe ? ["--unsafe-fixes"] : [])];
  const report = spawnSync(process.execPath, [CLI, "--format", "json", ...flags, "."], { cwd: root, encoding: "utf8", maxBuffer: 1e8 });
  expect(report.status, report.stderr).toBe(1);
  const findings = new Map<string, string[]>();
  for (const finding of JSON.parse(report.stdout) as Array<{ path: string; code: string; message: string; location: { row: number; column: number } }>) {
    const shown = `${finding.location.row}:${finding.location.column}: ${finding.code} ${finding.message}`;
    findings.set(finding.path, [...(findings.get(finding.path) ?? []), shown]);
  }
  const write = spawnSync(process.execPath, [CLI, "--write", "-q", ...flags, "."], { cwd: root, encoding: "utf8" });
  expect([0, 1]).toContain(write.status);
  const outputs = new Map(FIXTURE_INPUTS.map((input) => [relative(FIXTURES, input), readFileSync(join(root, relative(FIXTURES, input)))]));
  return { findings, outputs };
}
