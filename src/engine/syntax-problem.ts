import type { Node } from "web-tree-sitter";

/** Where Python would stop reading a file, and why, in Python's words where mainguard knows them. */
export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
  /** For the grammar's errors: the last line the ERROR node spans. */
  lastLine?: number;
}

/** A problem at `node`'s first character (1-based line and column). */
export const atNode = (node: Node, message: string): SyntaxProblem => ({ line: node.startPosition.row + 1, column: node.startPosition.column + 1, message });

/** Whichever comes first in the file (Python reports the first it meets). */
export const earlier = (a: SyntaxProblem | undefined, b: SyntaxProblem | undefined) =>
  !a ? b : !b ? a : a.line < b.line || (a.line === b.line && a.column <= b.column) ? a : b;
