import type { Node } from "web-tree-sitter";

/** What one walk over a tree's statements finds. */
export interface StatementWalk {
  /** Where each statement, clause and decorator begins, in source order. */
  starts: number[];
  /** The first statement Python refuses where it stands, though it parses. */
  misplaced?: Misplaced;
}

/** `after`: Python stops at the first token after `offset` (a `try:` with no handler ends there). */
export interface Misplaced {
  offset: number;
  message: string;
  after?: boolean;
}

/** Nodes whose children are statements. */
const HOLDS_STATEMENTS = new Set(["module", "block", "decorated_definition"]);
/** Parts of a compound statement that begin a line of their own. */
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
const LOOPS = new Set(["for_statement", "while_statement"]);
const DEFINITIONS = new Set(["function_definition", "class_definition"]);
/** What a block or the module holds besides statements. */
const NOT_STATEMENTS = new Set(["comment", "line_continuation", ";"]);

/** Where the walk is: the type of the node whose children it visits, and what encloses them. */
interface Frame {
  type: string;
  /** The innermost function or class, or the module. */
  scope: "module" | "function" | "class";
  /** Any function encloses them (a class in between included). */
  inFunction: boolean;
  /** The body of a loop encloses them, with no function or class in between. */
  inLoop: boolean;
  /** For a `try`: an `except` or `finally` clause was seen. */
  handled?: boolean;
}
const HANDLERS = new Set(["except_clause", "except_group_clause", "finally_clause"]);

function enter(parent: Frame, type: string): Frame {
  if (type === "function_definition") return { type, scope: "function", inFunction: true, inLoop: false };
  if (type === "class_definition") return { type, scope: "class", inFunction: parent.inFunction, inLoop: false };
  // A loop's own block is its body; the block of its `else` clause is not.
  return { ...parent, type, inLoop: parent.inLoop || (type === "block" && LOOPS.has(parent.type)) };
}

function misplaced(type: string, frame: Frame): string | undefined {
  if (type === "return_statement" && frame.scope !== "function") return "'return' outside function";
  if (type === "break_statement" && !frame.inLoop) return "'break' outside loop";
  if (type === "continue_statement" && !frame.inLoop) return "'continue' not properly in loop";
  if (type === "nonlocal_statement" && !frame.inFunction) return "nonlocal declaration not allowed at module level";
  return undefined;
}

/**
 * Walks the statements of `root` (not their expressions) with one tree cursor: a big module has
 * millions of nodes, and a cursor makes a JavaScript object of none of them.
 */
export function walkStatements(root: Node): StatementWalk {
  const walk: StatementWalk = { starts: [] };
  const cursor = root.walk();
  const frames: Frame[] = [{ type: "module", scope: "module", inFunction: false, inLoop: false }];
  try {
    if (!cursor.gotoFirstChild()) return walk;
    for (;;) {
      const type = cursor.nodeType;
      const frame = frames[frames.length - 1]!;
      if (!NOT_STATEMENTS.has(type) && (HOLDS_STATEMENTS.has(frame.type) || CLAUSES.has(type) || type === "decorator")) {
        walk.starts.push(cursor.startIndex);
        const message = walk.misplaced ? undefined : misplaced(type, frame);
        if (message) walk.misplaced = { offset: cursor.startIndex, message };
      }
      if (HANDLERS.has(type)) frame.handled = true;
      // A definition's body is its last child: the name and parameters hold no statement.
      const entered = DEFINITIONS.has(type) ? cursor.gotoLastChild() : (HOLDS_STATEMENTS.has(type) || HOLDS_BLOCKS.has(type)) && cursor.gotoFirstChild();
      if (entered) {
        frames.push(enter(frame, type));
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (frames.length === 1 || !cursor.gotoParent()) return walk;
        const left = frames.pop()!;
        if (left.type === "try_statement" && !left.handled && !walk.misplaced) {
          walk.misplaced = { offset: cursor.endIndex, message: "expected 'except' or 'finally' block", after: true };
        }
      }
    }
  } finally {
    cursor.delete();
  }
}
