import { lstatSync, statSync } from "node:fs";
import { posix, resolve } from "node:path";
import { gitFiles, mayBeInWorkTree } from "../git/files.js";
import { ALWAYS_SKIPPED, discover, displayPath, excludeMatcher, type Discovery, type DiscoveryOptions } from "./discover.js";

/** How the files were found: from git's own list, or by walking the folders. */
export type DiscoveredBy = "git" | "walker";

export interface GitAwareDiscovery extends Discovery {
  by: DiscoveredBy;
}

export interface GitDiscoveryOptions extends DiscoveryOptions {
  /** Ask git for the folders' files where it can list them (default true). */
  git?: boolean;
}

/**
 * `discover`, with git listing the folders' files when they lie in a work tree: the same files,
 * found in native code and by git's own ignore rules. What git does not list the way the walker
 * finds it (see `gitFiles`), `--no-ignore` and `--no-git` go to the walker.
 */
export async function discoverFiles(paths: readonly string[], cwd: string, options: GitDiscoveryOptions): Promise<GitAwareDiscovery> {
  const walker = (): GitAwareDiscovery => ({ ...discover(paths, cwd, options), by: "walker" });
  if (options.git === false || options.gitignore === false || !mayBeInWorkTree(cwd)) return walker();
  const kinds = paths.map((path) => kindOf(resolve(cwd, path)));
  // A symlink named on the command line is edited through to its target, once: the walker's job.
  if (kinds.includes("symlink")) return walker();
  const directories = paths.filter((_, n) => kinds[n] === "directory");
  const files = new Set<string>();
  const record = (shown: string) => {
    if (files.has(shown)) return;
    files.add(shown);
    options.onFile?.(shown);
  };
  const missing: string[] = [];
  for (const [n, given] of paths.entries()) {
    if (kinds[n] === "missing") missing.push(given);
    else if (kinds[n] === "file") record(displayPath(resolve(cwd, given), cwd));
  }
  const kept = keptBelow(directories.map((directory) => displayPath(resolve(cwd, directory), cwd)), cwd, options);
  // Files are handed on as git lists them, as the walker does while it walks. Should the listing
  // turn out unusable, the walker starts over: a file handed on twice is checked once.
  const listed = await gitFiles(directories, cwd, (path) => {
    if (!path.endsWith(".py")) return;
    // git prints paths relative to `cwd`, as the walker shows them, but for `..` segments.
    const shown = path.startsWith("../") ? displayPath(resolve(cwd, path), cwd) : path;
    if (kept(shown)) record(shown);
  });
  if (!listed) return walker();
  return { files: [...files].sort(), missing, by: "git" };
}

/**
 * Whether a file git lists (as shown) is one the walk would find: below a named folder (which is
 * always checked), no folder is always skipped or excluded, and the file itself is not excluded.
 * git has applied .gitignore already. Each folder is judged once.
 */
function keptBelow(roots: readonly string[], cwd: string, options: DiscoveryOptions): (shown: string) => boolean {
  const matcher = excludeMatcher(options);
  const excluded = (shown: string, isDirectory: boolean) => matcher(resolve(cwd, shown), isDirectory);
  const folders = new Map<string, boolean>(roots.map((root) => [root, true]));
  const folderKept = (folder: string): boolean => {
    let known = folders.get(folder);
    if (known === undefined) {
      const parent = posix.dirname(folder);
      // Above every named folder: not reached by the walk (git was asked about the named ones only).
      known = parent !== folder && folderKept(parent) && !ALWAYS_SKIPPED.has(posix.basename(folder)) && !excluded(folder, true);
      folders.set(folder, known);
    }
    return known;
  };
  return (shown) => folderKept(posix.dirname(shown)) && !excluded(shown, false);
}

function kindOf(path: string): "file" | "directory" | "symlink" | "missing" {
  try {
    if (lstatSync(path).isSymbolicLink()) return "symlink";
    return statSync(path).isDirectory() ? "directory" : "file";
  } catch {
    return "missing";
  }
}
