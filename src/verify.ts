import type { Node } from "web-tree-sitter";
import { isMainGuard, isPlainMainGuard } from "./python/main-guard.js";
import { topLevelStatements } from "./python/import-time.js";
import { firstEmptyBlock, firstForeignSpace, firstSyntaxError } from "./syntax-errors.js";

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
  shape: string;
  /** Start offset of the top-level statement it is, when it is one (not a guard's body statement). */
  topLevelStart?: number;
  /** "" at import time; "plain" under `if __name__ == "__main__":`; else the guard's test. */
  guard: string;
}

/** Top-level statements with the bodies of main guards spliced in place. */
function flatten(root: Node): FlatStatement[] {
  const flat: FlatStatement[] = [];
  for (const statement of topLevelStatements(root)) {
    if (!isMainGuard(statement)) {
      flat.push({ shape: shape(statement), guard: "", topLevelStart: statement.startIndex });
      continue;
    }
    const guard = isPlainMainGuard(statement) ? "plain" : shape(statement.childForFieldName("condition")!);
    for (const child of statement.childForFieldName("consequence")!.namedChildren) {
      if (child && child.type !== "comment") flat.push({ shape: shape(child), guard });
    }
  }
  return flat;
}

function comments(root: Node): string[] {
  return root
    .descendantsOfType("comment")
    .map((node) => node!.text)
    .sort();
}

/**
 * Why `output` is not `input` with exactly the statements at `guarded` (top-level statement start
 * offsets in the input) moved under a plain main guard; undefined when it is.
 */
export function differenceAfterGuarding(input: Node, output: Node, guarded: readonly Node[], outputText: string): string | undefined {
  if (firstSyntaxError(output) || firstEmptyBlock(output, outputText) || firstForeignSpace(outputText, output)) {
    return "the rewritten file does not parse";
  }
  const wanted = new Set(guarded.map((node) => node.startIndex));
  const expected = flatten(input);
  for (const statement of expected) {
    if (statement.topLevelStart !== undefined && wanted.has(statement.topLevelStart)) statement.guard = "plain";
  }
  const actual = flatten(output);
  if (actual.length !== expected.length) {
    return `the rewritten file has ${actual.length} statements, expected ${expected.length}`;
  }
  for (let i = 0; i < actual.length; i++) {
    if (actual[i]!.shape !== expected[i]!.shape) return `statement ${i + 1} changed`;
    if (actual[i]!.guard !== expected[i]!.guard) return `statement ${i + 1} is not under the planned guard`;
  }
  const before = comments(input);
  const after = comments(output);
  if (before.length !== after.length || before.some((comment, i) => comment !== after[i])) {
    return "comments changed";
  }
  return undefined;
}
