import { readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ignore, { type Ignore } from "ignore";
import { toPosix, withSeparator } from "./path-text.js";

interface Level {
  /** Directory the patterns are relative to. */
  base: string;
  matcher: Ignore;
}

/** `path` relative to `base` with forward slashes, if it lies below it. Paths come from the walk,
 * which builds them by appending names to `base`, so a prefix test usually answers. */
function relativeBelow(base: string, path: string): string | undefined {
  const prefix = withSeparator(base);
  if (path.startsWith(prefix)) return toPosix(path.slice(prefix.length)) || undefined;
  const rel = toPosix(relative(base, path));
  return rel === "" || rel.startsWith("..") ? undefined : rel;
}

function readPatterns(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** The directory holding `.git` above (or at) `start`, if any. */
function repositoryRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (statSync(join(dir, ".git"), { throwIfNoEntry: false })) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * .gitignore rules as git applies them: `.git/info/exclude` lowest, then each directory's
 * `.gitignore` from the repository root down, the deepest deciding first; within a file the last
 * matching pattern wins, and `!pattern` re-includes.
 */
export class IgnoreRules {
  private constructor(private readonly levels: readonly Level[]) {}

  static none(): IgnoreRules {
    return new IgnoreRules([]);
  }

  /** Rules in force for the entries of `directory`, its own `.gitignore` not yet read. */
  static above(directory: string): IgnoreRules {
    const root = repositoryRoot(directory);
    let rules = new IgnoreRules([]);
    if (!root) return rules;
    rules = rules.with(root, readPatterns(join(root, ".git", "info", "exclude")));
    // Every directory from the root down to `directory`'s parent: walking `directory` reads its own.
    const chain: string[] = [];
    for (let dir = directory; dir !== root; dir = dirname(dir)) chain.unshift(dir);
    for (const dir of [root, ...chain].slice(0, -1)) rules = rules.with(dir, readPatterns(join(dir, ".gitignore")));
    return rules;
  }

  /** These rules plus the patterns of a file in `base`, which take precedence. */
  with(base: string, patterns: string | undefined): IgnoreRules {
    if (!patterns?.trim()) return this;
    return new IgnoreRules([...this.levels, { base, matcher: ignore({ ignorecase: false }).add(patterns) }]);
  }

  /** Rules for the entries of `directory`, given that it holds a `.gitignore`. */
  enter(directory: string): IgnoreRules {
    return this.with(directory, readPatterns(join(directory, ".gitignore")));
  }

  ignores(path: string, isDirectory: boolean): boolean {
    for (let i = this.levels.length - 1; i >= 0; i--) {
      const { base, matcher } = this.levels[i]!;
      const rel = relativeBelow(base, path);
      if (rel === undefined) continue;
      const result = matcher.test(isDirectory ? `${rel}/` : rel);
      if (result.ignored) return true;
      if (result.unignored) return false;
    }
    return false;
  }
}
