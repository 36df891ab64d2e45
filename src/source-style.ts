import type { Node } from "web-tree-sitter";

const BOM = "\uFEFF";

// Python ends lines with LF, CR LF or a lone CR.
const isBreak = (c: string | undefined) => c === "\n" || c === "\r";

/** Offset of the first character of the line holding `offset` (after a BOM on the first line). */
export function lineStartOf(source: string, offset: number): number {
  let start = offset;
  while (start > 0 && !isBreak(source[start - 1])) start--;
  return start === 0 && source.startsWith(BOM) ? 1 : start;
}

/** Offset of the line ending of the line holding `offset` (the text's length on a last line). */
function lineEndOf(source: string, offset: number): number {
  let end = offset;
  while (end < source.length && !isBreak(source[end])) end++;
  return end;
}

function breakAt(source: string, end: number): string {
  if (source[end] === "\r") return source[end + 1] === "\n" ? "\r\n" : "\r";
  return "\n";
}

/** Offset just past the line ending of the line holding `offset` (or the end of the text). */
export function nextLineStart(source: string, offset: number): number {
  const end = lineEndOf(source, offset);
  return end === source.length ? end : end + breakAt(source, end).length;
}

/** The line ending of the line holding `offset`; for a last line without one, the file's first. */
export function lineEndingAt(source: string, offset: number): string {
  let end = lineEndOf(source, offset);
  if (end === source.length) end = lineEndOf(source, 0);
  return end === source.length ? "\n" : breakAt(source, end);
}

/** Whether the line starting at `lineStart` holds only white space. */
export function isBlankLine(source: string, lineStart: number): boolean {
  return /^[ \t\f]*$/.test(source.slice(lineStart, lineEndOf(source, lineStart)));
}

/** The white space before the first statement of an indented block. */
export function blockIndent(source: string, block: Node): string {
  return source.slice(lineStartOf(source, block.startIndex), block.startIndex);
}

const COMPOUND = /(_statement|_definition|_clause)$/;

/**
 * The file's indent unit (SPEC 4): a tab if its first indented block uses tabs, else that
 * block's width in spaces, else four spaces.
 */
export function indentUnit(source: string, root: Node): string {
  const cursor = root.walk();
  try {
    // The first indented block in source order belongs to a statement at column 0, so its
    // indentation is one unit.
    if (!cursor.gotoFirstChild()) return "    ";
    do {
      const node = cursor.currentNode;
      if (!COMPOUND.test(node.type) || columnAfterFormFeed(source, node) !== "") continue;
      const block = firstMultiLineBlock(node);
      if (!block) continue;
      const indent = columnAfterFormFeed(source, block);
      if (indent.includes("\t")) return "\t";
      if (/^ +$/.test(indent)) return indent;
    } while (cursor.gotoNextSibling());
    return "    ";
  } finally {
    cursor.delete();
  }
}

/** The white space before `node` on its line, from the last form feed on: Python counts a column from there. */
function columnAfterFormFeed(source: string, node: Node): string {
  return blockIndent(source, node).replace(/^.*\f/, "");
}

function firstMultiLineBlock(statement: Node): Node | undefined {
  for (const child of statement.namedChildren) {
    if (!child) continue;
    if (child.type === "block") {
      const header = child.previousSibling;
      if (header && child.startPosition.row > header.endPosition.row && child.namedChildCount > 0) return child;
      continue;
    }
    if (child.type.endsWith("_clause") || child.type === "class_definition" || child.type === "function_definition") {
      const nested = firstMultiLineBlock(child);
      if (nested) return nested;
    }
  }
  return undefined;
}
