import { readFile, stat } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";

interface Level {
  /** Directory the patterns are relative to. */
  base: string;
  matcher: Ignore;
}

const toPosix = (path: string) => (sep === "/" ? path : path.split(sep).join("/"));

async function readPatterns(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch {
    return undefined;
  }
}

/** The directory holding `.git` above (or at) `start`, if any. */
async function repositoryRoot(start: string): Promise<string | undefined> {
  for (let dir = start; ; dir = dirname(dir)) {
    if (await stat(join(dir, ".git")).catch(() => undefined)) return dir;
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
  static async above(directory: string): Promise<IgnoreRules> {
    const root = await repositoryRoot(directory);
    let rules = new IgnoreRules([]);
    if (!root) return rules;
    rules = rules.with(root, await readPatterns(join(root, ".git", "info", "exclude")));
    // Every directory from the root down to `directory`'s parent: walking `directory` reads its own.
    const chain: string[] = [];
    for (let dir = directory; dir !== root; dir = dirname(dir)) chain.unshift(dir);
    for (const dir of [root, ...chain].slice(0, -1)) rules = rules.with(dir, await readPatterns(join(dir, ".gitignore")));
    return rules;
  }

  /** These rules plus the patterns of a file in `base`, which take precedence. */
  with(base: string, patterns: string | undefined): IgnoreRules {
    if (!patterns?.trim()) return this;
    return new IgnoreRules([...this.levels, { base, matcher: ignore({ ignorecase: false }).add(patterns) }]);
  }

  /** Rules for the entries of `directory`, given that it holds a `.gitignore`. */
  async enter(directory: string): Promise<IgnoreRules> {
    return this.with(directory, await readPatterns(join(directory, ".gitignore")));
  }

  ignores(path: string, isDirectory: boolean): boolean {
    for (let i = this.levels.length - 1; i >= 0; i--) {
      const { base, matcher } = this.levels[i]!;
      const rel = toPosix(relative(base, path));
      if (rel === "" || rel.startsWith("..")) continue;
      const result = matcher.test(isDirectory ? `${rel}/` : rel);
      if (result.ignored) return true;
      if (result.unignored) return false;
    }
    return false;
  }
}
