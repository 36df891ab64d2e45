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
