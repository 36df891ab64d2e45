/**
 * `--changed-since REF`: the files a branch touched, as a pull request shows them, plus what is
 * not committed yet: every file that differs between the merge-base of REF and HEAD and the work
 * tree (committed on the branch, staged or not), and untracked files no ignore rule covers.
 */
import { resolve } from "node:path";
import { gitSync, nulSeparated } from "./git.js";
import { workTreeTop } from "./files.js";

export type Changes = { ok: true; files: ReadonlySet<string> } | { ok: false; message: string };

/** The changed files' absolute paths, or why they cannot be known (a one-line message). */
export function changedSince(ref: string, cwd: string): Changes {
  const top = workTreeTop(cwd);
  if (!top) return { ok: false, message: `--changed-since needs a git work tree, and ${cwd} is not in one` };
  // `--end-of-options`: a REF that starts with "-" is a name, never an option.
  const commit = gitSync(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], top);
  if (commit.code !== 0) return { ok: false, message: `--changed-since ${ref}: no such branch, tag or commit in this repository` };
  const base = gitSync(["merge-base", commit.stdout.toString("utf8").trim(), "HEAD"], top);
  if (base.code !== 0) return { ok: false, message: `--changed-since ${ref}: it has no common history with HEAD` };
  const diff = gitSync(["diff", "-z", "--name-only", "--no-renames", "--no-ext-diff", base.stdout.toString("utf8").trim(), "--"], top);
  const untracked = gitSync(["ls-files", "-z", "--others", "--exclude-standard"], top);
  if (diff.code !== 0 || untracked.code !== 0) return { ok: false, message: `--changed-since ${ref}: git failed: ${(diff.stderr || untracked.stderr).trim().split("\n")[0]}` };
  // Both list paths from the top of the work tree.
  const files = new Set([...nulSeparated(diff.stdout), ...nulSeparated(untracked.stdout)].map((path) => resolve(top, path)));
  return { ok: true, files };
}
