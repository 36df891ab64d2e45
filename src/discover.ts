import { readdir, realpath, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import ignore from "ignore";
import { IgnoreRules } from "./ignore-rules.js";

/** Directories never searched (SPEC 5), whatever .gitignore says. */
export const ALWAYS_SKIPPED: ReadonlySet<string> = new Set([
  ".git", "node_modules", ".venv", "venv", ".tox", ".nox", "__pycache__", "site-packages", "dist-packages",
  ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist", ".eggs",
]);

export interface DiscoveryOptions {
  /** Read .gitignore files and .git/info/exclude (default true). */
  gitignore?: boolean;
  /** Extra gitignore-style patterns, each group relative to its base directory. */
  exclude?: readonly ExcludePatterns[];
}

export interface ExcludePatterns {
  base: string;
  patterns: readonly string[];
}

export interface Discovery {
  /** Files to process, relative to the current directory, sorted. */
  files: string[];
  /** Command-line paths that do not exist. */
  missing: string[];
}

/** What a user sees for a file: relative to the current directory, with forward slashes. */
export function displayPath(absolute: string, cwd: string): string {
  const path = relative(cwd, absolute) || ".";
  return sep === "/" ? path : path.split(sep).join("/");
}

/**
 * The rules a named directory's walk starts with: its ancestors' .gitignore files — unless they
 * ignore the directory itself, which the user named and so wants checked.
 */
async function rulesAbove(directory: string, options: DiscoveryOptions): Promise<IgnoreRules> {
  if (options.gitignore === false) return IgnoreRules.none();
  const rules = await IgnoreRules.above(directory);
  return rules.ignores(directory, true) ? IgnoreRules.none() : rules;
}

/**
 * The `.py` files under `paths`. A path named on the command line is always processed; below it,
 * .gitignore rules, --exclude patterns and ALWAYS_SKIPPED apply. Symlinked files count once (by
 * their target); a directory reached twice (a symlink loop) is not entered again.
 */
export async function discover(paths: readonly string[], cwd: string, options: DiscoveryOptions = {}): Promise<Discovery> {
  const files = new Map<string, string>(); // real path → absolute path as first reached
  const seenDirectories = new Set<string>();
  const missing: string[] = [];
  const excludes = (options.exclude ?? [])
    .filter((group) => group.patterns.length > 0)
    .map((group) => ({ base: group.base, matcher: ignore({ ignorecase: false }).add([...group.patterns]) }));
  const excluded = (path: string, isDirectory: boolean) =>
    excludes.some(({ base, matcher }) => {
      const rel = displayPath(path, base);
      return !rel.startsWith("..") && matcher.ignores(isDirectory ? `${rel}/` : rel);
    });

  const addFile = async (absolute: string) => {
    const real = await realpath(absolute).catch(() => absolute);
    if (!files.has(real)) files.set(real, absolute);
  };

  const walk = async (directory: string, inherited: IgnoreRules): Promise<void> => {
    const real = await realpath(directory).catch(() => directory);
    if (seenDirectories.has(real)) return;
    seenDirectories.add(real);
    const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
    const rules = options.gitignore !== false && entries.some((e) => e.name === ".gitignore") ? await inherited.enter(directory) : inherited;
    const subdirectories: string[] = [];
    for (const entry of entries) {
      const path = join(directory, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(path).catch(() => undefined);
        isDirectory = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDirectory) {
        if (!ALWAYS_SKIPPED.has(entry.name) && !rules.ignores(path, true) && !excluded(path, true)) subdirectories.push(path);
      } else if (isFile && entry.name.endsWith(".py") && !rules.ignores(path, false) && !excluded(path, false)) {
        await addFile(path);
      }
    }
    for (const subdirectory of subdirectories) await walk(subdirectory, rules);
  };

  for (const given of paths) {
    const absolute = resolve(cwd, given);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) missing.push(given);
    else if (info.isDirectory()) await walk(absolute, await rulesAbove(absolute, options));
    else await addFile(absolute);
  }
  const display = [...files.values()].map((absolute) => displayPath(absolute, cwd));
  return { files: display.sort(), missing };
}
