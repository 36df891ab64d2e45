import type { Node } from "web-tree-sitter";
import type { Edit } from "../types.js";
import { isMainGuard, isPlainMainGuard } from "../python/main-guard.js";
import { topLevelStatements } from "../python/import-time.js";
import { firstEmptyBlock, firstSyntaxProblem } from "./syntax-errors.js";

/** Leaves that carry no meaning the rewrite may change: `;` goes when a line is split. */
const IGNORED_LEAVES = new Set([";", "line_continuation", "comment"]);

/**
 * The statement's tree as text: node types and leaf texts, indentation excluded, strings whole
 * (their text, continuation lines included, must come through byte for byte).
 */
function shape(node: Node): string {
  // A cursor walk: a whole file's statements are compared, and making a JavaScript object of
  // every node would cost far more than the comparison.
  const parts: string[] = [];
  const cursor = node.walk();
  try {
    let depth = 0;
    for (;;) {
      const type = cursor.nodeType;
      const atomic = type === "string" || !cursor.gotoFirstChild();
      if (atomic) {
        if (!IGNORED_LEAVES.has(type)) parts.push(JSON.stringify(cursor.nodeText));
      } else {
        // The cursor is on the first child now; open the parent's group.
        parts.push(`(${type}`);
        depth++;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (depth === 0 || !cursor.gotoParent()) return parts.join(" ");
        depth--;
        parts.push(")");
      }
      if (depth === 0) return parts.join(" ");
    }
  } finally {
    cursor.delete();
  }
}

interface FlatStatement {
  node: Node;
  /** 1-based, in its own file. */
  line: number;
  /** Start offset of the top-level statement it is, when it is one (not a guard's body statement). */
  topLevelStart?: number;
  /** "" at import time; "plain" under `if __name__ == "__main__":`; else the guard's test. */
  guard: string;
}

const lineOf = (node: Node) => node.startPosition.row + 1;

/**
 * Tells, for a node of the output, whether the parse showed it unchanged: when the output was
 * parsed from the input's tree with the fix's edits applied, tree-sitter's changed ranges are where
 * the structure differs from the input's, and the edits are where the text does. A node clear of
 * both has the input's structure over the input's text, with nothing to walk.
 */
export function clearOf(changed: ReadonlyArray<{ startIndex: number; endIndex: number }>, edits: readonly Edit[]): (node: Node) => boolean {
  const ranges: Array<[number, number]> = changed.map((range) => [range.startIndex, range.endIndex]);
  let shift = 0;
  for (const edit of edits) {
    ranges.push([edit.start + shift, edit.start + shift + edit.text.length]);
    shift += edit.text.length - (edit.end - edit.start);
  }
  // Touching counts: a node next to an insertion is compared in full.
  return (node) => !ranges.some(([start, end]) => start <= node.endIndex && node.startIndex <= end);
}

/** Whether a statement came through the fix unchanged: the same text where the parse shows it unchanged, else the same shape. */
function sameStatement(expected: Node, actual: Node, unchanged: ((node: Node) => boolean) | undefined): boolean {
  if (unchanged?.(actual) && expected.text === actual.text) return true;
  return shape(expected) === shape(actual);
}

/** Top-level statements with the bodies of main guards spliced in place. */
function flatten(root: Node): FlatStatement[] {
  const flat: FlatStatement[] = [];
  for (const statement of topLevelStatements(root)) {
    if (!isMainGuard(statement)) {
      flat.push({ node: statement, line: lineOf(statement), guard: "", topLevelStart: statement.startIndex });
      continue;
    }
    const guard = isPlainMainGuard(statement) ? "plain" : shape(statement.childForFieldName("condition")!);
    for (const child of statement.childForFieldName("consequence")!.namedChildren) {
      if (child && child.type !== "comment") flat.push({ node: child, line: lineOf(child), guard });
    }
  }
  return flat;
}

function comments(root: Node): Array<{ text: string; line: number }> {
  return root
    .descendantsOfType("comment")
    .map((node) => ({ text: node!.text, line: lineOf(node!) }))
    .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

/** Why the statement `expected` describes came out as `actual`, in words about the user's file. */
function statementDifference(expected: FlatStatement, actual: FlatStatement | undefined, unchanged: ((node: Node) => boolean) | undefined): string | undefined {
  const where = `the statement on line ${expected.line}`;
  if (!actual) return `${where} would be lost`;
  if (!sameStatement(expected.node, actual.node, unchanged)) return `${where} would not come through the fix unchanged`;
  if (actual.guard === expected.guard) return undefined;
  if (actual.guard === "plain") return `${where} would end up under the guard, which it must not`;
  if (actual.guard !== "") return `${where} would end up under a guard that adds a condition`;
  return expected.guard === "plain" ? `${where} would not end up under the guard` : `${where} would no longer be under its guard`;
}

/**
 * Why `output` is not `input` with exactly the statements at `guarded` (top-level statements of the
 * input) moved under a plain main guard, as a sentence naming a line; undefined when it is.
 * `unchanged` (see `clearOf`), when the output was parsed from the input's edited tree.
 */
export function differenceAfterGuarding(input: Node, output: Node, guarded: readonly Node[], outputText: string, unchanged?: (node: Node) => boolean): string | undefined {
  // A guard moves statements whole: it cannot put a list out of order, and the input's were checked.
  const problem = firstSyntaxProblem(outputText, output, undefined, false) ?? firstEmptyBlock(output, outputText);
  if (problem) {
    return `guarding line ${lineOf(guarded[0]!)} would leave a syntax error (${problem.message}) on line ${problem.line} of the result`;
  }
  const wanted = new Set(guarded.map((node) => node.startIndex));
  const expected = flatten(input);
  for (const statement of expected) {
    if (statement.topLevelStart !== undefined && wanted.has(statement.topLevelStart)) statement.guard = "plain";
  }
  const actual = flatten(output);
  for (const [i, statement] of expected.entries()) {
    const difference = statementDifference(statement, actual[i], unchanged);
    if (difference) return difference;
  }
  if (actual.length > expected.length) return `the result would hold a statement the file does not (its line ${actual[expected.length]!.line})`;
  const before = comments(input);
  const after = comments(output);
  const changed = before.findIndex((comment, i) => comment.text !== after[i]?.text);
  if (changed !== -1) return `the comment on line ${before[changed]!.line} would not come through the fix unchanged`;
  if (after.length > before.length) return `the result would hold a comment the file does not (its line ${after[before.length]!.line})`;
  return undefined;
}
