import type { Node } from "web-tree-sitter";
import { PositionIndex } from "./positions.js";

const position = (node: Node) => ({ line: node.startPosition.row + 1, column: node.startPosition.column + 1 });

/** The 1-based position of the first ERROR or MISSING node. Cheap when there is none. */
export function firstSyntaxError(root: Node): { line: number; column: number } | undefined {
  return root.hasError ? firstErrorNode(root) : undefined;
}

/**
 * The first block with no statement: tree-sitter accepts `if x:` followed by an unindented line,
 * Python does not. Walks the whole tree, so it runs only on files with something to report.
 */
export function firstEmptyBlock(root: Node, source: string): { line: number; column: number } | undefined {
  if (!mayHaveEmptyBlock(source)) return undefined;
  const empty = root.descendantsOfType("block").find((block) => !block!.namedChildren.some((child) => child!.type !== "comment"));
  return empty ? position(empty) : undefined;
}

function firstErrorNode(root: Node): { line: number; column: number } {
  const cursor = root.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) return position(node);
      // Descend only into subtrees that hold the error.
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { line: 1, column: 1 };
      }
    }
  } finally {
    cursor.delete();
  }
}

/** After a colon, the rest of its line is blank or a comment: what `:[ \t\f]*(#.*)?$` asks of a line. */
const NOTHING_AFTER = /[ \t\f]*(?:#[^\r\n\u2028\u2029]*)?(?:[\r\n]|$)/y;
const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * A cheap necessary condition for an empty block: some line ends in `:` (a comment may follow)
 * and the next line with code is not indented deeper (or there is none). Walking the tree for
 * blocks costs far more than reading the lines, and only lines with a colon are looked at.
 */
export function mayHaveEmptyBlock(source: string): boolean {
  const indent = (line: string) => line.length - line.trimStart().length;
  const isCode = (line: string) => line.trim() !== "" && !line.trimStart().startsWith("#");
  /** The line starting at `start`, and where the next one starts (-1 after the last). */
  const lineFrom = (start: number): { text: string; next: number } => {
    LINE_BREAK.lastIndex = start;
    const lineBreak = LINE_BREAK.exec(source);
    return lineBreak ? { text: source.slice(start, lineBreak.index), next: LINE_BREAK.lastIndex } : { text: source.slice(start), next: -1 };
  };
  for (let colon = source.indexOf(":"); colon !== -1; ) {
    NOTHING_AFTER.lastIndex = colon + 1;
    if (!NOTHING_AFTER.test(source)) {
      colon = source.indexOf(":", colon + 1);
      continue;
    }
    let start = colon;
    while (start > 0 && source[start - 1] !== "\n" && source[start - 1] !== "\r") start--;
    const line = lineFrom(start);
    let next = line.next;
    let following: string | undefined;
    while (next !== -1 && following === undefined) {
      const candidate = lineFrom(next);
      if (isCode(candidate.text)) following = candidate.text;
      next = candidate.next;
    }
    if (following === undefined || indent(following) <= indent(line.text)) return true;
    if (line.next === -1) return false;
    colon = source.indexOf(":", line.next);
  }
  return false;
}

/** Characters the grammar skips as white space but Python rejects outside strings and comments. */
const FOREIGN_SPACE = /[\x0B\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u2060\u3000\uFEFF]/g;

/**
 * The first such character in code (a BOM at the very start is fine). Rare, so each match is
 * looked up in the tree rather than the tree searched.
 */
export function firstForeignSpace(source: string, root: Node): { line: number; column: number } | undefined {
  FOREIGN_SPACE.lastIndex = 0;
  for (let match = FOREIGN_SPACE.exec(source); match; match = FOREIGN_SPACE.exec(source)) {
    if (match.index === 0 && match[0] === "\uFEFF") continue;
    let node: Node | null = root.descendantForIndex(match.index, match.index + 1);
    let inText = false;
    for (; node; node = node.parent) {
      if (node.type === "string" || node.type === "comment") {
        inText = node.startIndex < match.index && match.index < node.endIndex;
        break;
      }
    }
    if (!inText) return new PositionIndex(source).at(match.index);
  }
  return undefined;
}
