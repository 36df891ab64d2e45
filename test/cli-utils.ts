import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

export const CLI = resolve(import.meta.dirname, "../dist/cli.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a user would, with NO_COLOR=1 and no FORCE_COLOR unless `env` says
 * otherwise (a value of undefined removes a variable), and in one thread unless `args` set
 * `--jobs` (see `oneThread`).
 */
export function runCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}, input?: string): CliResult {
  const result = runCliBytes(args, cwd, env, input);
  return { code: result.code, stdout: result.stdout.toString("utf8"), stderr: result.stderr.toString("utf8") };
}

/** `runCli` with stdin, stdout and stderr as bytes (for files in other encodings). */
export function runCliBytes(args: string[], cwd: string, env: Record<string, string | undefined> = {}, input?: string | Buffer) {
  const merged: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, CI: undefined, ...env };
  const result = spawnSync(process.execPath, [CLI, ...oneThread(args)], {
    cwd,
    input,
    maxBuffer: 1 << 28,
    env: Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined)),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * `args` with `--jobs=1` first, unless they choose a thread count (the tests of threading do) or
 * run a subcommand. Every run would otherwise start a worker per core, and the suite would compete
 * with itself (and with whatever else the machine runs) for cores that vitest's own workers need.
 */
function oneThread(args: string[]): string[] {
  return args[0] === "rule" || args.some((arg) => arg.startsWith("--jobs")) ? args : ["--jobs=1", ...args];
}

/** A fresh directory holding `files` (relative path → content). */
export function makeTree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), "mainguard-test-"));
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return root;
}
