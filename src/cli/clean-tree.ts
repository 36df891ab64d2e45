import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { uncommittedFiles, type Uncommitted } from "../git/status.js";

/**
 * The clean-tree guard of `--write` and `-i`: whether a file about to be fixed holds uncommitted
 * work, asked of git once, at the first file (a run that writes nothing never asks). Outside a
 * work tree, nothing is guarded.
 */
export function cleanTreeGuard(cwd: string): (path: string) => Uncommitted | undefined {
  let uncommitted: ReadonlyMap<string, Uncommitted> | undefined | null = null;
  const base = realpathSync(cwd);
  return (path) => {
    if (uncommitted === null) uncommitted = uncommittedFiles(cwd);
    return uncommitted?.get(resolve(base, path));
  };
}

/** Why a file was not fixed, and what the user can do. */
export function uncommittedMessage(state: Uncommitted): string {
  return state === "changed"
    ? "has uncommitted changes; commit or stash them, or pass --allow-dirty"
    : "is untracked; commit it, or pass --allow-dirty";
}
