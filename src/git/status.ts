/**
 * Which files of a work tree are not as committed: changed (staged or not) or untracked. A bulk
 * fix must not mix its edits with a user's work in progress (cargo fix refuses the same way).
 */
import { resolve } from "node:path";
import { workTreeTop } from "./files.js";
import { gitSync, nulSeparated } from "./git.js";

export type Uncommitted = "changed" | "untracked";

/**
 * The work tree's uncommitted files by absolute path, or undefined outside a work tree (or
 * without git): there, nothing is guarded. Ignored files are not listed: git keeps no version of
 * them to mix with.
 */
export function uncommittedFiles(cwd: string): ReadonlyMap<string, Uncommitted> | undefined {
  const top = workTreeTop(cwd);
  if (!top) return undefined;
  const status = gitSync(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"], top);
  if (status.code !== 0) return undefined;
  const files = new Map<string, Uncommitted>();
  // "XY path": X the index's status, Y the work tree's; "??" untracked.
  for (const entry of nulSeparated(status.stdout)) files.set(resolve(top, entry.slice(3)), entry.startsWith("??") ? "untracked" : "changed");
  return files;
}
