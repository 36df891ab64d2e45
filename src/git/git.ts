/**
 * Running git: always with an argument array (no shell) and NUL-separated output (`-z`), in the
 * C locale so that patterns and messages mean bytes, not characters.
 */
import { spawn, spawnSync } from "node:child_process";

const ENV = { ...process.env, LC_ALL: "C", GIT_OPTIONAL_LOCKS: "0" };

export interface GitResult {
  /** The exit code, or null when git could not be started (not installed) or was killed. */
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** `git args` in `cwd`, waited for. */
export function gitSync(args: readonly string[], cwd: string): GitResult {
  const result = spawnSync("git", args, { cwd, env: ENV, maxBuffer: 1 << 30 });
  return { code: result.error ? null : result.status, stdout: result.stdout ?? Buffer.alloc(0), stderr: result.stderr?.toString("utf8") ?? "" };
}

/**
 * `git args` in `cwd`, run beside whatever else the process does. With `onEntry`, each entry of
 * its `-z` output is handed over as soon as it arrives (and `stdout` stays empty).
 */
export function git(args: readonly string[], cwd: string, onEntry?: (entry: string) => void): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = spawn("git", args, { cwd, env: ENV, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let partial = Buffer.alloc(0);
    child.stdout.on("data", (chunk: Buffer) => {
      if (!onEntry) return void out.push(chunk);
      let data = partial.length > 0 ? Buffer.concat([partial, chunk]) : chunk;
      for (let nul = data.indexOf(0); nul !== -1; nul = data.indexOf(0)) {
        onEntry(data.toString("utf8", 0, nul));
        data = data.subarray(nul + 1);
      }
      partial = Buffer.from(data);
    });
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", () => resolve({ code: null, stdout: Buffer.alloc(0), stderr: "" }));
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") }));
  });
}

/** The entries of `-z` output. Paths are bytes to git; they are UTF-8 everywhere mainguard runs. */
export function nulSeparated(stdout: Buffer): string[] {
  const text = stdout.toString("utf8");
  const entries = text.split("\0");
  if (entries.at(-1) === "") entries.pop();
  return entries;
}
