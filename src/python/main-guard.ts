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

const isName = (node: Node) => node.type === "identifier" && node.text === "__name__";

/** In `__name__ <operator> X` or `X <operator> __name__` (parentheses aside), the X. */
function comparedWithName(node: Node, operator: string): Node | undefined {
  if (node.type !== "comparison_operator" || node.childCount !== 3 || node.child(1)!.type !== operator) return undefined;
  const a = unparenthesize(node.child(0)!);
  const b = unparenthesize(node.child(2)!);
  return isName(a) ? b : isName(b) ? a : undefined;
}

/** `__name__ == "__main__"` in either operand order, possibly parenthesised. */
export function isMainComparison(expression: Node): boolean {
  const other = comparedWithName(unparenthesize(expression), "==");
  return other !== undefined && isMainString(other);
}

/** The names a module runs under as a script: `__mp_main__` is the main module re-run in a multiprocessing spawn child. */
const SCRIPT_NAMES = new Set(["__main__", "__mp_main__"]);

/** `__name__ in ("__main__", "__mp_main__")`: a tuple, list or set of script names holding `__main__`. */
function isMainMembership(node: Node): boolean {
  if (node.type !== "comparison_operator" || node.childCount !== 3 || node.child(1)!.type !== "in") return false;
  const name = unparenthesize(node.child(0)!);
  const names = unparenthesize(node.child(2)!);
  if (!isName(name) || !["tuple", "list", "set"].includes(names.type)) return false;
  const items = names.namedChildren.filter((item): item is Node => item !== null && item.type !== "comment");
  const values = items.map((item) => (isMainString(item) ? "__main__" : item.type === "string" && /^[rRuU]?(['"])__mp_main__\1$/.test(item.text) ? "__mp_main__" : undefined));
  return values.includes("__main__") && values.every((value) => value !== undefined && SCRIPT_NAMES.has(value));
}

/** `__name__ != "__main__"` in either operand order. */
function isNotMainComparison(node: Node): boolean {
  const other = comparedWithName(node, "!=");
  return other !== undefined && isMainString(other);
}

/** A clause's test `__name__ == "<a string>"` for a string that is not a script's name: a module's name, or a typo of `"__main__"`. */
export function comparesNameWithOtherString(clause: Node): boolean {
  const condition = clause.type === "if_statement" || clause.type === "elif_clause" ? clause.childForFieldName("condition") : null;
  return condition !== null && isNameComparedWithOtherString(unparenthesize(condition));
}

function isNameComparedWithOtherString(node: Node): boolean {
  const other = comparedWithName(node, "==");
  // A plain literal only: an f-string or bytes may equal "__main__" or never equal any name.
  return other?.type === "string" && /^[rRuU]?['"]/.test(other.text) && !isMainString(other) && !/__mp_main__/.test(other.text);
}

/**
 * What a condition says about how the module runs: `implies` what its being true means ("main":
 * only as a script; "import": only when imported), and `exact` when its being false means the
 * opposite (`__name__ == "__main__"` is exact; `__name__ == "__main__" and DEBUG` is not).
 */
interface NameTest {
  implies: "main" | "import";
  exact: boolean;
}

function nameTest(expression: Node): NameTest | undefined {
  const node = unparenthesize(expression);
  if (isMainComparison(node) || isMainMembership(node)) return { implies: "main", exact: true };
  if (isNotMainComparison(node)) return { implies: "import", exact: true };
  // `__name__ == "main"` (a typo of the guard, often): true only when the module is imported
  // under that name, never when it runs as a script.
  if (isNameComparedWithOtherString(node)) return { implies: "import", exact: false };
  if (node.type === "not_operator") {
    const inner = nameTest(node.childForFieldName("argument")!);
    return inner?.exact ? { implies: inner.implies === "main" ? "import" : "main", exact: true } : undefined;
  }
  if (node.type === "boolean_operator" && node.child(1)?.type === "and") {
    const test: NameTest | undefined = nameTest(node.child(0)!) ?? nameTest(node.child(2)!);
    return test && { implies: test.implies, exact: false };
  }
  return undefined;
}

/** When a block of an `if` can run, as far as `__name__` tells: only as a script, only on import, or either. */
export type BranchRuns = "script-only" | "import-only" | "either";

/**
 * Each block of an `if` (its body, each `elif`'s, the `else`'s), in order, with when it runs. A
 * branch whose test implies `__name__ == "__main__"` runs only as a script; one whose test implies
 * the opposite, or that is reached only when an exact main test failed (the `else` of a main
 * guard), runs only on import.
 */
export function branchesOf(statement: Node): Array<{ block: Node; runs: BranchRuns }> {
  if (statement.type !== "if_statement") return [];
  const clauses: Array<{ condition: Node | null; block: Node | null }> = [{ condition: statement.childForFieldName("condition"), block: statement.childForFieldName("consequence") }];
  for (const clause of statement.childrenForFieldName("alternative")) {
    if (clause?.type === "elif_clause") clauses.push({ condition: clause.childForFieldName("condition"), block: clause.childForFieldName("consequence") });
    else if (clause?.type === "else_clause") clauses.push({ condition: null, block: clause.childForFieldName("body") });
  }
  const branches: Array<{ block: Node; runs: BranchRuns }> = [];
  /** What reaching the next clause means, once an exact test has failed. */
  let reached: BranchRuns = "either";
  for (const { condition, block } of clauses) {
    const test: NameTest | undefined = reached === "either" && condition ? nameTest(condition) : undefined;
    const runs: BranchRuns = reached !== "either" ? reached : test ? (test.implies === "main" ? "script-only" : "import-only") : "either";
    if (block) branches.push({ block, runs });
    if (test?.exact) reached = test.implies === "main" ? "import-only" : "script-only";
  }
  return branches;
}

/** The blocks of `statement` (an `if`) that run only when the file is executed as a script. */
export function scriptOnlyBlocks(statement: Node): Node[] {
  return branchesOf(statement)
    .filter((branch) => branch.runs === "script-only")
    .map((branch) => branch.block);
}

/**
 * A top-level `if` that runs nothing on import: one block, which runs only as a script (its test
 * is `__name__ == "__main__"`, the multiprocessing idiom `__name__ in ("__main__", "__mp_main__")`,
 * or either as an operand of `and`), and no `elif` or `else`.
 */
export function isMainGuard(statement: Node): boolean {
  const branches = branchesOf(statement);
  return branches.length === 1 && branches[0]!.runs === "script-only" && statement.childrenForFieldName("alternative").length === 0;
}

/** A main guard whose test is the comparison alone: moving a statement into it adds no other condition. */
export function isPlainMainGuard(statement: Node): boolean {
  if (!isMainGuard(statement)) return false;
  const condition = statement.childForFieldName("condition");
  return condition !== null && isMainComparison(condition);
}
