import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import ignore, { type Ignore } from "ignore";
import { IgnoreRules } from "./ignore-rules.js";
import { toPosix, withSeparator } from "./path-text.js";

/** Directories never searched, whatever .gitignore says. */
export const ALWAYS_SKIPPED: ReadonlySet<string> = new Set([
  ".git", "node_modules", ".venv", "venv", ".tox", ".nox", "__pycache__", "site-packages", "dist-packages",
  ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist", ".eggs",
]);

export interface DiscoveryOptions {
  /** Read .gitignore files and .git/info/exclude (default true). */
  gitignore?: boolean;
  /** Extra gitignore-style patterns, each group relative to its base directory. */
  exclude?: readonly ExcludePatterns[];
  /** The patterns that apply to the entries of a folder (its pyproject.toml's), besides `exclude`. */
  excludeFor?: (folder: string) => readonly ExcludePatterns[];
  /** Hears, before `excludeFor` is asked about a folder the walk reads, whether it holds a pyproject.toml. */
  onFolder?: (folder: string, hasPyproject: boolean) => void;
  /** Called with each file (as shown) as soon as the walk finds it, before the list is sorted. */
  onFile?: (file: string) => void;
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
  return toPosix(relative(cwd, absolute) || ".");
}

/** Each list of patterns, compiled once. */
const matchers = new WeakMap<readonly string[], Ignore>();

function covers(groups: readonly ExcludePatterns[], path: string, isDirectory: boolean): boolean {
  return groups.some(({ base, patterns }) => {
    if (patterns.length === 0) return false;
    let matcher = matchers.get(patterns);
    if (!matcher) matchers.set(patterns, (matcher = ignore({ ignorecase: false }).add([...patterns])));
    const rel = displayPath(path, base);
    return !rel.startsWith("..") && matcher.ignores(isDirectory ? `${rel}/` : rel);
  });
}

/** Whether an --exclude pattern, or one of the entry's folder's `[tool.mainguard]`, covers an absolute path. */
export function excludeMatcher(options: DiscoveryOptions): (path: string, isDirectory: boolean, folder?: string) => boolean {
  const fixed = options.exclude ?? [];
  const { excludeFor } = options;
  // The walker knows each entry's folder: `folder` saves working it out again for every entry.
  return (path, isDirectory, folder = dirname(path)) => covers(fixed, path, isDirectory) || (excludeFor !== undefined && covers(excludeFor(folder), path, isDirectory));
}

/**
 * The rules a named directory's walk starts with: its ancestors' .gitignore files — unless they
 * ignore the directory itself, which the user named and so wants checked.
 */
function rulesAbove(directory: string, options: DiscoveryOptions): IgnoreRules {
  if (options.gitignore === false) return IgnoreRules.none();
  const rules = IgnoreRules.above(directory);
  return rules.ignores(directory, true) ? IgnoreRules.none() : rules;
}

/**
 * The `.py` files under `paths`. A path named on the command line is always processed; below it,
 * .gitignore rules, --exclude patterns and ALWAYS_SKIPPED apply. Symlinked files count once (by
 * their target); a directory reached twice (a symlink loop) is not entered again.
 */
export function discover(paths: readonly string[], cwd: string, options: DiscoveryOptions = {}): Discovery {
  const files = new Map<string, string>(); // real path → the path shown for it, as first reached
  const seenDirectories = new Set<string>();
  const missing: string[] = [];
  const excluded = excludeMatcher(options);
  const record = (real: string, shown: string) => {
    files.set(real, shown);
    options.onFile?.(shown);
  };
  const realOf = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  };

  // Synchronous on purpose, and no per-file system call (a file's real path is its directory's
  // plus its name, unless it is itself a link): discovery runs before any file can be checked.
  const walk = (directory: string, realDirectory: string, inherited: IgnoreRules, shown: string): void => {
    if (seenDirectories.has(realDirectory)) return;
    seenDirectories.add(realDirectory);
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    const rules = options.gitignore !== false && entries.some((e) => e.name === ".gitignore") ? inherited.enter(directory) : inherited;
    options.onFolder?.(directory, entries.some((e) => e.name === "pyproject.toml"));
    const subdirectories: Array<[string, string, string]> = [];
    const prefix = shown === "." ? "" : `${shown}/`;
    const pathPrefix = withSeparator(directory);
    const realPrefix = withSeparator(realDirectory);
    for (const entry of entries) {
      const path = pathPrefix + entry.name;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      let real = realPrefix + entry.name;
      if (entry.isSymbolicLink()) {
        const target = statOrUndefined(path);
        isDirectory = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
        real = realOf(path);
      }
      if (isDirectory) {
        if (!ALWAYS_SKIPPED.has(entry.name) && !rules.ignores(path, true) && !excluded(path, true, directory)) {
          subdirectories.push([path, real, prefix + entry.name]);
        }
      } else if (isFile && entry.name.endsWith(".py") && !rules.ignores(path, false) && !excluded(path, false, directory)) {
        if (!files.has(real)) record(real, prefix + entry.name);
      }
    }
    for (const [path, real, display] of subdirectories) walk(path, real, rules, display);
  };

  for (const given of paths) {
    const absolute = resolve(cwd, given);
    const info = statOrUndefined(absolute);
    if (!info) missing.push(given);
    else if (info.isDirectory()) walk(absolute, realOf(absolute), rulesAbove(absolute, options), displayPath(absolute, cwd));
    else {
      const real = realOf(absolute);
      if (!files.has(real)) record(real, displayPath(absolute, cwd));
    }
  }
  return { files: [...files.values()].sort(), missing };
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
