import type { Node } from "web-tree-sitter";
import { readLogicalLines, type LogicalLines } from "./python/indentation.js";
import { PositionIndex } from "./positions.js";

/** Where Python would stop reading a file, and why, in Python's words where mainguard knows them. */
export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
  /** For the grammar's errors: the last line the ERROR node spans. */
  lastLine?: number;
}

const at = (node: Node, message: string): SyntaxProblem => ({ line: node.startPosition.row + 1, column: node.startPosition.column + 1, message });
const position = (node: Node) => at(node, "invalid syntax");

const earlier = (a: SyntaxProblem | undefined, b: SyntaxProblem | undefined) =>
  !a ? b : !b ? a : a.line < b.line || (a.line === b.line && a.column <= b.column) ? a : b;

/**
 * Why Python would not compile `source` (whose tree is `root`), or undefined: the earliest of the
 * tokenizer's and the parser's errors that mainguard can see, else a statement the compiler
 * rejects where it stands (Python reports those only once the whole file has parsed).
 */
export function firstSyntaxProblem(source: string, root: Node): SyntaxProblem | undefined {
  const logical = readLogicalLines(source);
  const indentation = logical.indentationError;
  const grammar = firstSyntaxError(root) ?? firstForeignSpace(source, root);
  return explained(indentation, grammar, logical) ?? firstJoinedLine(logical, root) ?? firstMisplacedStatement(root);
}

/**
 * Which of the two errors Python reports. An ERROR node starts where the grammar's recovery
 * began, often lines before the line where Python stops, so an indentation error inside it is
 * what Python reports; except an unexpected indent after a line the grammar already failed on
 * (`if x` without its colon): Python stops at that line's end, before it reads the indent.
 */
function explained(indentation: SyntaxProblem | undefined, grammar: SyntaxProblem | undefined, logical: LogicalLines): SyntaxProblem | undefined {
  if (!indentation || !grammar) return indentation ?? grammar;
  const spans = grammar.line <= indentation.line && indentation.line <= (grammar.lastLine ?? grammar.line);
  const previous = logical.lines[logical.lines.length - 2] ?? 0;
  const failedBefore = indentation.message === "unexpected indent" && grammar.line >= previous;
  return spans && !failedBefore ? indentation : earlier(indentation, grammar);
}

/** Nodes whose children include statements (or clauses that begin a line of their own). */
const HOLDS_STATEMENTS = new Set(["module", "block", "decorated_definition"]);
const CLAUSES = new Set(["elif_clause", "else_clause", "except_clause", "except_group_clause", "finally_clause", "case_clause"]);
const HOLDS_BLOCKS = new Set([
  "if_statement",
  "for_statement",
  "while_statement",
  "try_statement",
  "with_statement",
  "match_statement",
  "function_definition",
  "class_definition",
  ...CLAUSES,
]);

/**
 * A line Python reads as a statement of its own that the grammar read as part of the statement
 * before it: where Python expects a new line, tree-sitter skips a line break it has no use for,
 * so `(data):` over an indented `print(data)` parses as one annotated assignment, and `x =` over
 * `5` as `x = 5`. Python stops at the statement the grammar ran on from.
 */
function firstJoinedLine(logical: LogicalLines, root: Node): SyntaxProblem | undefined {
  const starts = statementStarts(root);
  let next = 0;
  for (const [i, start] of logical.starts.entries()) {
    while (next < starts.length && starts[next]!.offset < start) next++;
    if (starts[next]?.offset === start) continue;
    const joined = starts[next - 1];
    return { line: joined?.line ?? logical.lines[i]!, column: (joined?.column ?? 0) + 1, message: "invalid syntax" };
  }
  return undefined;
}

/** Where each statement, clause and decorator begins, in source order. A cursor walks only the statements. */
function statementStarts(root: Node): Array<{ offset: number; line: number; column: number }> {
  const starts: Array<{ offset: number; line: number; column: number }> = [];
  const cursor = root.walk();
  const parents: string[] = [];
  try {
    for (;;) {
      const type = cursor.nodeType;
      const parent = parents[parents.length - 1];
      if (parent && cursor.nodeIsNamed && type !== "comment" && (HOLDS_STATEMENTS.has(parent) || CLAUSES.has(type) || type === "decorator")) {
        const { row, column } = cursor.startPosition;
        starts.push({ offset: cursor.startIndex, line: row + 1, column });
      }
      if ((HOLDS_STATEMENTS.has(type) || HOLDS_BLOCKS.has(type)) && cursor.gotoFirstChild()) {
        parents.push(type);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return starts;
        parents.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}

/** The 1-based position of the first ERROR or MISSING node. Cheap when there is none. */
export function firstSyntaxError(root: Node): SyntaxProblem | undefined {
  return root.hasError ? firstErrorNode(root) : undefined;
}

const SCOPES = new Set(["function_definition", "class_definition"]);
const LOOPS = new Set(["for_statement", "while_statement"]);

/**
 * A statement that parses but that Python's compiler rejects where it stands: `return`, `yield` or
 * `await` outside a function, `break` or `continue` outside a loop, `nonlocal` outside a function.
 * A line indented one level less than it should be makes these out of code that was fine.
 */
export function firstMisplacedStatement(root: Node): SyntaxProblem | undefined {
  const problems: SyntaxProblem[] = [];
  const returns = statementsOutsideFunctions(root).find((statement) => statement.type === "return_statement");
  if (returns) problems.push(at(returns, "'return' outside function"));
  for (const node of root.descendantsOfType(["yield", "await", "nonlocal_statement", "break_statement", "continue_statement"])) {
    if (!node) continue;
    const problem = misplaced(node);
    if (problem) problems.push(problem);
  }
  return problems.reduce<SyntaxProblem | undefined>(earlier, undefined);
}

function misplaced(node: Node): SyntaxProblem | undefined {
  const keyword = node.type.replace(/_statement$/, "");
  if (keyword === "break" || keyword === "continue") {
    // Only the body of a loop counts (not its `else`), and only up to the enclosing function or class.
    for (let child = node, parent = node.parent; parent && !SCOPES.has(parent.type); child = parent, parent = parent.parent) {
      if (LOOPS.has(parent.type) && child.startIndex === parent.childForFieldName("body")?.startIndex) return undefined;
    }
    return at(node, keyword === "break" ? "'break' outside loop" : "'continue' not properly in loop");
  }
  let scope = node.parent;
  while (scope && !SCOPES.has(scope.type) && scope.type !== "lambda") scope = scope.parent;
  if (keyword === "nonlocal") {
    // Allowed in any scope nested in a function.
    while (scope && scope.type !== "function_definition") scope = scope.parent;
    return scope ? undefined : at(node, "nonlocal declaration not allowed at module level");
  }
  if (scope?.type === "lambda") return keyword === "yield" ? undefined : at(node, "'await' outside async function");
  if (scope?.type !== "function_definition") return at(node, `'${keyword}' outside function`);
  if (keyword === "await" && scope.child(0)?.type !== "async") return at(node, "'await' outside async function");
  return undefined;
}

/** Statements of the module, of its compound statements and of its classes, not entering functions. */
function statementsOutsideFunctions(root: Node): Node[] {
  const found: Node[] = [];
  const visit = (node: Node) => {
    for (const child of node.namedChildren) {
      if (!child || child.type === "comment" || child.type === "function_definition") continue;
      if (child.type === "decorated_definition") {
        const definition = child.childForFieldName("definition");
        if (definition?.type === "class_definition") visit(definition);
        continue;
      }
      found.push(child);
      if (child.type.endsWith("_statement") || child.type.endsWith("_clause") || child.type === "block" || child.type === "class_definition") visit(child);
    }
  };
  visit(root);
  return found;
}

/**
 * The first block with no statement: tree-sitter accepts `if x:` followed by an unindented line,
 * Python does not. Walks the whole tree, so it runs only on files with something to report.
 */
export function firstEmptyBlock(root: Node, source: string): SyntaxProblem | undefined {
  if (!mayHaveEmptyBlock(source)) return undefined;
  const empty = root.descendantsOfType("block").find((block) => !block!.namedChildren.some((child) => child!.type !== "comment"));
  return empty ? at(empty, "expected an indented block") : undefined;
}

function firstErrorNode(root: Node): SyntaxProblem {
  const cursor = root.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) return { ...position(node), lastLine: node.endPosition.row + 1 };
      // Descend only into subtrees that hold the error.
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { line: 1, column: 1, message: "invalid syntax" };
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
export function firstForeignSpace(source: string, root: Node): SyntaxProblem | undefined {
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
    if (!inText) {
      const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
      return { ...new PositionIndex(source).at(match.index), message: `invalid non-printable character U+${code}` };
    }
  }
  return undefined;
}
