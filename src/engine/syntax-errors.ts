import type { Node } from "web-tree-sitter";
import { readLogicalLines, type LogicalLines } from "../python/indentation.js";
import { statementsArePlain } from "../python/plain-statements.js";
import { walkStatements } from "../python/statement-walk.js";
import { LineIndex } from "../line-index.js";
import { atNode, earlier, type SyntaxProblem } from "./syntax-problem.js";
import { misorderedItems, type MisorderedItems } from "./argument-order.js";

export type { SyntaxProblem } from "./syntax-problem.js";

const position = (node: Node) => atNode(node, "invalid syntax");

/**
 * Why Python would not compile `source` (whose tree is `root`, whose logical lines are `logical`),
 * or undefined: the earliest of the tokenizer's and the parser's errors that mainguard can see,
 * else a statement the compiler rejects where it stands (Python reports those only once the
 * whole file has parsed). Lists out of order (see `misorderedItems`) are looked for only with
 * `argumentOrder`, or once another problem is found (to tell which one Python reports): the
 * analysis asks for them only in a file with something to report (see `problemBeforeReport`).
 */
export function firstSyntaxProblem(source: string, root: Node, logical = readLogicalLines(source), argumentOrder = true): SyntaxProblem | undefined {
  if (argumentOrder) return problemIn(source, root, logical, misorderedItems(source, root));
  return problemIn(source, root, logical, {}) && problemIn(source, root, logical, misorderedItems(source, root));
}

/**
 * What Python rejects that costs a walk of the tree or a search of the text, asked only of a file
 * with something to report: an empty block, and (with `lists`) a list out of order. `text` is the
 * one `root` was parsed from. A big file's lists were checked slice by slice already.
 */
export function problemBeforeReport(root: Node, text: string, lists: boolean): SyntaxProblem | undefined {
  const misordered = lists ? misorderedItems(text, root) : {};
  return earlier(firstEmptyBlock(root, text), misordered.parse) ?? misordered.compile;
}

function problemIn(source: string, root: Node, logical: LogicalLines, misordered: MisorderedItems): SyntaxProblem | undefined {
  const at = (offset: number, message: string) => ({ ...new LineIndex(source).position(offset), message });
  const indentation = logical.indentationError;
  const token = logical.tokenError && at(logical.tokenError.offset, logical.tokenError.message);
  const error = firstSyntaxError(root);
  const grammar = earlier(earlier(earlier((error && afterDecorators(error, logical)) ?? firstForeignSpace(source, root), token), firstPython2Syntax(source, root)), misordered.parse);
  const first = explained(indentation, grammar, logical);
  if (first) return first;
  let misplaced: SyntaxProblem | undefined;
  if (!statementsArePlain(source, logical)) {
    const walk = walkStatements(root);
    const joined = firstJoinedLine(logical, walk.starts);
    if (joined !== undefined) return at(joined, "invalid syntax");
    misplaced = walk.misplaced && at(walk.misplaced.after ? nextLineStart(logical, walk.misplaced.offset) : walk.misplaced.offset, walk.misplaced.message);
  }
  return earlier(earlier(misplaced, firstMisplacedExpression(source, root)), misordered.compile);
}

/**
 * Decorators with no definition under them: Python stops at the first token after them, with
 * "invalid syntax" where the next line is as indented as they are, "unexpected unindent" (at its
 * column 0, as Python says) where it is less (the end of the block they are in). A deeper line
 * is the indentation error `explained` picks.
 */
function afterDecorators(error: SyntaxProblem & { decorators?: boolean }, logical: LogicalLines): SyntaxProblem {
  if (!error.decorators) return error;
  const own = logical.lines.indexOf(error.line);
  const next = logical.lines.findIndex((line) => line > error.lastLine! - 1);
  if (own === -1 || next === -1 || logical.columns[next]! > logical.columns[own]!) return error;
  const line = logical.lines[next]!;
  if (logical.columns[next]! < logical.columns[own]!) return { line, column: 0, message: "unexpected unindent" };
  return { line, column: logical.starts[next]! - logical.lineStarts[next]! + 1, message: "invalid syntax" };
}

/** The first logical line that starts at or after `offset` (else `offset` itself). */
function nextLineStart(logical: LogicalLines, offset: number): number {
  return logical.starts.find((start) => start >= offset) ?? offset;
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

/**
 * A line Python reads as a statement of its own that the grammar read as part of the statement
 * before it: where Python expects a new line, tree-sitter skips a line break it has no use for,
 * so `(data):` over an indented `print(data)` parses as one annotated assignment, and `x =` over
 * `5` as `x = 5`. Python stops at the statement the grammar ran on from (its offset is returned).
 */
function firstJoinedLine(logical: LogicalLines, starts: readonly number[]): number | undefined {
  let next = 0;
  for (const start of logical.starts) {
    while (next < starts.length && starts[next]! < start) next++;
    if (starts[next] !== start) return starts[next - 1] ?? start;
  }
  return undefined;
}

/** The 1-based position of the first ERROR or MISSING node. Cheap when there is none. */
export function firstSyntaxError(root: Node): (SyntaxProblem & { decorators?: boolean }) | undefined {
  return root.hasError ? firstErrorNode(root) : undefined;
}

/** `print` or `exec` not followed by `(`: perhaps a Python 2 statement. */
const PYTHON2_STATEMENT = /\b(?:print|exec)\b(?![ \t]*\()/g;

/**
 * Python 2 syntax the grammar still reads and Python 3 rejects: `print "x"` and `exec code` as
 * statements (not `print >>f, x`, which Python 3 reads as an expression), backquotes, and `<>`.
 * The text says where each may be; the tree, asked at those offsets only, says whether it is.
 */
function firstPython2Syntax(source: string, root: Node): SyntaxProblem | undefined {
  const tick = firstToken(source, root, "`", (node) => node.type === "string_start" && node.text === "`");
  const diamond = firstToken(source, root, "<>", (node) => node.type === "<>");
  let statement: { keyword: Node; argument: number } | undefined;
  for (const match of source.matchAll(PYTHON2_STATEMENT)) {
    const keyword = root.descendantForIndex(match.index, match.index + match[0].length);
    const parent = keyword?.parent;
    if (keyword?.type !== match[0] || !parent || parent.startIndex !== keyword.startIndex) continue;
    if ((parent.type === "print_statement" && !parent.children.some((child) => child?.type === "chevron")) || parent.type === "exec_statement") {
      statement = { keyword, argument: keyword.nextSibling?.startIndex ?? keyword.endIndex };
      break;
    }
  }
  // Python's tokenizer refuses a backquote before its parser can say what the statement lacks.
  const missing = statement && !(tick && tick.startIndex <= statement.argument) ? statement.keyword : undefined;
  const word = missing?.type;
  return earlier(
    earlier(tick && atNode(tick, "invalid syntax"), diamond && atNode(diamond, "invalid syntax")),
    missing && atNode(missing, `Missing parentheses in call to '${word}'. Did you mean ${word}(...)?`),
  );
}

/** The first occurrence of `text` in the source that the tree reads as the token `isIt` describes. */
function firstToken(source: string, root: Node, text: string, isIt: (node: Node) => boolean): Node | undefined {
  for (let at = source.indexOf(text); at !== -1; at = source.indexOf(text, at + text.length)) {
    const node = root.descendantForIndex(at, at + text.length);
    if (node && isIt(node)) return node;
  }
  return undefined;
}

const SCOPES = new Set(["function_definition", "class_definition"]);

/**
 * A `yield` or `await` that parses but that Python's compiler refuses: outside a function, or an
 * `await` outside an `async` one. Most files hold neither word: the tree is walked only for those
 * that do. (Misplaced `return`, `break`, `continue` and `nonlocal` are found by the statement walk.)
 */
function firstMisplacedExpression(source: string, root: Node): SyntaxProblem | undefined {
  const types = ["yield", "await"].filter((word) => source.includes(word));
  if (types.length === 0) return undefined;
  for (const node of root.descendantsOfType(types)) {
    if (!node) continue;
    let scope = node.parent;
    // `(x for x in y if await f(x))` is an asynchronous generator expression, allowed in any function.
    const enclosing = node.type === "await" ? [...SCOPES, "lambda", "generator_expression"] : [...SCOPES, "lambda"];
    while (scope && !enclosing.includes(scope.type)) scope = scope.parent;
    if (scope?.type === "generator_expression") continue;
    if (scope?.type === "lambda") {
      if (node.type === "await") return atNode(node, "'await' outside async function");
      continue;
    }
    if (scope?.type !== "function_definition") return atNode(node, `'${node.type}' outside function`);
    if (node.type === "await" && scope.child(0)?.type !== "async") return atNode(node, "'await' outside async function");
  }
  return undefined;
}

/**
 * The first block with no statement: tree-sitter accepts `if x:` followed by an unindented line,
 * Python does not. Walks the whole tree, so it runs only on files with something to report.
 */
export function firstEmptyBlock(root: Node, source: string): SyntaxProblem | undefined {
  if (!mayHaveEmptyBlock(source)) return undefined;
  const empty = root.descendantsOfType("block").find((block) => !block!.namedChildren.some((child) => child!.type !== "comment"));
  return empty ? atNode(empty, "expected an indented block") : undefined;
}

function firstErrorNode(root: Node): SyntaxProblem & { decorators?: boolean } {
  const cursor = root.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) {
        // Decorators alone are not wrong: what follows them is, so Python stops on the next line
        // (where an indentation error, say, is what it reports).
        const decorators = node.namedChildCount > 0 && node.namedChildren.every((child) => child?.type === "decorator");
        return { ...position(node), lastLine: node.endPosition.row + (decorators ? 2 : 1), ...(decorators ? { decorators } : {}) };
      }
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
      return { ...new LineIndex(source).position(match.index), message: `invalid non-printable character U+${code}` };
    }
  }
  return undefined;
}
