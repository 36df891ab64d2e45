/**
 * The files git shows under some directories: tracked files still in the work tree, and untracked
 * files that no ignore rule covers (.gitignore, .git/info/exclude, core.excludesFile), exactly as
 * `git ls-files --cached --others --exclude-standard` lists them.
 */
import { existsSync, lstatSync, realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { git, gitSync, nulSeparated } from "./git.js";

const SYMLINK = "120000";
const GITLINK = "160000";

/**
 * Whether git could find a repository for `directory`: it or a folder above it holds `.git`, or the
 * environment names one. Where none can be found, git is not started (outside a work tree it
 * would only fail, and two processes cost a few tens of milliseconds).
 */
export function mayBeInWorkTree(directory: string): boolean {
  if (process.env.GIT_DIR !== undefined || process.env.GIT_WORK_TREE !== undefined) return true;
  for (let folder = resolve(directory); ; folder = dirname(folder)) {
    if (existsSync(join(folder, ".git"))) return true;
    if (dirname(folder) === folder) return false;
  }
}

/** The top folder of the work tree holding `directory`, or undefined outside one (or without git). */
export function workTreeTop(directory: string): string | undefined {
  const result = gitSync(["rev-parse", "--show-toplevel"], directory);
  if (result.code !== 0) return undefined;
  const top = result.stdout.toString("utf8").replace(/\n$/, "");
  try {
    return realpathSync(top);
  } catch {
    return undefined;
  }
}

/**
 * What git lists under `directories` (relative to `cwd`), as git prints the paths (relative to
 * `cwd`, with forward slashes), or undefined when the walker must read them instead: outside a
 * work tree, without git or when it fails, when a directory is one git ignores (named on the
 * command line, it is still checked), and when a symlink, a submodule or a nested repository lies
 * below (the walker follows them; git does not). `onPath` hears of each path as git lists it,
 * before git is done (and possibly before the listing turns out to be unusable).
 */
export async function gitFiles(directories: readonly string[], cwd: string, onPath?: (path: string) => void): Promise<string[] | undefined> {
  if (directories.length === 0) return undefined;
  const pathspecs = ["--", ...directories];
  const present: string[] = [];
  let usable = true;
  // Tracked (H; S when a sparse checkout leaves it out), deleted from the work tree (R, listed
  // right after its H), untracked and not ignored (?); with modes for the tracked ones.
  let held: string | undefined;
  const release = () => {
    if (held === undefined) return;
    present.push(held);
    onPath?.(held);
    held = undefined;
  };
  const onEntry = (entry: string) => {
    if (!usable) return;
    const tag = entry[0];
    if (tag === "?") {
      release();
      const path = entry.slice(2);
      // A nested repository is listed as its folder; a symlink as itself.
      if (path.endsWith("/") || isSymlink(resolve(cwd, path))) usable = false;
      else {
        present.push(path);
        onPath?.(path);
      }
      return;
    }
    // "H 100644 <object> <stage>\tpath"
    const mode = entry.slice(2, 8);
    const path = entry.slice(entry.indexOf("\t") + 1);
    if (mode === SYMLINK || mode === GITLINK) usable = false;
    else if (tag === "R" && path === held) held = undefined;
    else if (tag === "R" || tag === "S" || path === held) return;
    else {
      release();
      held = path;
    }
  };
  const [listing, ignored] = await Promise.all([
    git(["--literal-pathspecs", "ls-files", "-z", "-t", "--stage", "--cached", "--deleted", "--others", "--exclude-standard", ...pathspecs], cwd, onEntry),
    git(["check-ignore", ...pathspecs], cwd),
  ]);
  release();
  // check-ignore exits 1 when nothing is ignored; outside a work tree both exit 128.
  return usable && listing.code === 0 && ignored.code === 1 ? present : undefined;
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
