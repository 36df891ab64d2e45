/**
 * GitHub's CODEOWNERS: the first of `.github/CODEOWNERS`, `CODEOWNERS` and `docs/CODEOWNERS` in
 * the repository; each line a gitignore-style pattern and its owners; the last line that matches
 * a file decides (a line with no owners makes the file unowned). Patterns are matched with the
 * `ignore` package, one line at a time, since a later line wins and `ignore` only says "ignored".
 */
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import ignore, { type Ignore } from "ignore";

interface Rule {
  matcher: Ignore;
  owners: string[];
  /** `dir/*`: the files directly in `dir`, not deeper (where gitignore would take the folders too). */
  shallow: boolean;
}

export interface Codeowners {
  /** The CODEOWNERS file read, relative to the repository. */
  file: string;
  /** The owners of a file (its path relative to the repository, with forward slashes); [] if none. */
  ownersOf(path: string): string[];
}

export const CODEOWNERS_PLACES = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

/** The repository's CODEOWNERS, or undefined when it has none. */
export function readCodeowners(root: string): Codeowners | undefined {
  for (const file of CODEOWNERS_PLACES) {
    let text: string;
    try {
      text = readFileSync(join(root, file), "utf8");
    } catch {
      continue;
    }
    return { file, ownersOf: ownersFrom(parseRules(text)) };
  }
  return undefined;
}

function parseRules(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    // A `#` starts a comment unless escaped; owners follow the pattern after white space.
    const line = raw.replace(/(^|[^\\])#.*$/, "$1").trim();
    if (line === "") continue;
    const [pattern, ...owners] = line.split(/(?<!\\)\s+/);
    rules.push({ matcher: ignore({ ignorecase: false }).add(pattern!), owners, shallow: /(^|\/)\*$/.test(pattern!) && pattern !== "*" });
  }
  return rules;
}

function ownersFrom(rules: readonly Rule[]): (path: string) => string[] {
  return (path) => {
    for (let n = rules.length - 1; n >= 0; n--) {
      const { matcher, owners, shallow } = rules[n]!;
      if (matcher.ignores(path) && !(shallow && path.includes("/") && matcher.ignores(`${posix.dirname(path)}/`))) return owners;
    }
    return [];
  };
}
