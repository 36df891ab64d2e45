import type { Node } from "web-tree-sitter";

/** The guard mainguard writes, and names in its messages. */
export const GUARD = 'if __name__ == "__main__":';

/** Prefixes that leave a string literal's value as written. */
const PLAIN_STRING_PREFIX = /^[rRuU]?$/;

function unparenthesize(node: Node): Node {
  let current = node;
  while (current.type === "parenthesized_expression" && current.namedChildCount === 1) {
    current = current.namedChild(0)!;
  }
  return current;
}

function isMainString(node: Node): boolean {
  if (node.type !== "string") return false;
  const start = node.firstChild;
  if (!start || start.type !== "string_start") return false;
  const prefix = start.text.replace(/['"]+$/, "");
  if (!PLAIN_STRING_PREFIX.test(prefix)) return false;
  const parts = node.namedChildren.filter((child) => child && child.type !== "string_start" && child.type !== "string_end");
  return parts.length === 1 && parts[0]!.type === "string_content" && parts[0]!.childCount === 0 && parts[0]!.text === "__main__";
}

/** `__name__ == "__main__"` in either operand order, possibly parenthesised. */
export function isMainComparison(expression: Node): boolean {
  const node = unparenthesize(expression);
  if (node.type !== "comparison_operator" || node.childCount !== 3) return false;
  const [left, operator, right] = [node.child(0)!, node.child(1)!, node.child(2)!];
  if (operator.type !== "==") return false;
  const a = unparenthesize(left);
  const b = unparenthesize(right);
  const isName = (n: Node) => n.type === "identifier" && n.text === "__name__";
  return (isName(a) && isMainString(b)) || (isName(b) && isMainString(a));
}

function mentionsMainComparison(expression: Node): boolean {
  const node = unparenthesize(expression);
  if (isMainComparison(node)) return true;
  if (node.type === "boolean_operator" && node.child(1)?.type === "and") {
    return mentionsMainComparison(node.child(0)!) || mentionsMainComparison(node.child(2)!);
  }
  return false;
}

function hasNoElse(ifStatement: Node): boolean {
  return ifStatement.childrenForFieldName("alternative").length === 0;
}

/**
 * The body of an `if` that runs only when the file is executed as a script: its test mentions
 * `__name__ == "__main__"` as a whole or as an operand of `and`. Unlike a main guard, the `if` may
 * have `elif` or `else` clauses, which do run on import; and it may be anywhere, a function included.
 */
export function scriptOnlyBody(statement: Node): Node | undefined {
  if (statement.type !== "if_statement") return undefined;
  const condition = statement.childForFieldName("condition");
  return condition && mentionsMainComparison(condition) ? (statement.childForFieldName("consequence") ?? undefined) : undefined;
}

/** A top-level `if` whose body runs only when the file is executed as a script. */
export function isMainGuard(statement: Node): boolean {
  return scriptOnlyBody(statement) !== undefined && hasNoElse(statement);
}

/** A main guard whose test is the comparison alone: moving a statement into it adds no other condition. */
export function isPlainMainGuard(statement: Node): boolean {
  if (statement.type !== "if_statement" || !hasNoElse(statement)) return false;
  const condition = statement.childForFieldName("condition");
  return condition !== null && isMainComparison(condition);
}
