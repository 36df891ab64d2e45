import type { Node } from "web-tree-sitter";
import { GUARD, isPlainMainGuard } from "../python/main-guard.js";
import { topLevelStatements } from "../python/import-time.js";
import { blockIndent, isBlankLine, lineEndingAt, lineStartOf, nextLineStart } from "./source-style.js";
import type { Edit } from "../types.js";

/** Text between two statements on one logical line: `;`, spaces, backslash continuations. */
const SAME_LOGICAL_LINE = /^[ \t\f]*;?[ \t\f]*(\\(\r\n|\r|\n)[ \t\f]*)*;?[ \t\f]*$/;

function sharesLine(source: string, before: Node, after: Node): boolean {
  const gap = source.slice(before.endIndex, after.startIndex);
  return gap.includes(";") && SAME_LOGICAL_LINE.test(gap);
}

/**
 * A plain main guard whose body is an indented block (not `if ...: body` on one line), indented
 * with spaces or tabs only: its indentation is copied onto the lines moved into it.
 */
function isMergeableGuard(source: string, statement: Node | undefined): statement is Node {
  if (!statement || !isPlainMainGuard(statement)) return false;
  const block = statement.childForFieldName("consequence");
  const colon = block?.previousSibling;
  return !!block && !!colon && block.startPosition.row > colon.endPosition.row && /^[ \t]+$/.test(blockIndent(source, block));
}

function runsOf(indexes: number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const index of indexes) {
    const last = runs[runs.length - 1];
    if (last && last[1] === index - 1) last[1] = index;
    else runs.push([index, index]);
  }
  return runs;
}

/** Strings spanning lines: a line that begins inside one is part of the literal's value. */
function multiLineStrings(statements: Node[]): Node[] {
  return statements.flatMap((statement) =>
    statement.descendantsOfType(["string", "concatenated_string"]).filter(
      (node): node is Node => node !== null && node.startPosition.row !== node.endPosition.row,
    ),
  );
}

/**
 * Edits that indent by `indent` every line beginning in [from, to), plus `from` itself, except blank
 * lines and lines that begin inside a string literal.
 */
function indentLines(source: string, from: number, to: number, indent: string, strings: Node[]): Edit[] {
  const edits: Edit[] = [];
  for (let start = from; start < to; start = nextLineStart(source, start)) {
    if (isBlankLine(source, start)) continue;
    if (strings.some((string) => string.startIndex < start && start < string.endIndex)) continue;
    const at = indentPoint(source, start);
    edits.push({ start: at, end: at, text: indent });
  }
  return edits;
}

/**
 * Where a line's indentation is deepened: after the last form feed of its leading white space,
 * since Python counts a line's column from there (a form feed resets it to 0).
 */
function indentPoint(source: string, lineStart: number): number {
  let point = lineStart;
  for (let i = lineStart; source[i] === " " || source[i] === "\t" || source[i] === "\f"; i++) {
    if (source[i] === "\f") point = i + 1;
  }
  return point;
}

/**
 * The edits that move each of `targets` (top-level statements) under a main guard, new
 * guards indenting by `unit`:
 * consecutive targets share one guard, a run next to an existing guard joins it, and a target
 * that shares its line through `;` is split onto its own lines first.
 */
export function planGuards(source: string, root: Node, targets: Node[], unit: string): Edit[] {
  const statements = topLevelStatements(root);
  const wanted = new Set(targets.map((target) => target.startIndex));
  const indexes = statements.flatMap((statement, index) => (wanted.has(statement.startIndex) ? [index] : []));
  if (indexes.length !== wanted.size) throw new Error("only top-level statements can be guarded");
  const edits: Edit[] = [];

  for (const [firstIndex, lastIndex] of runsOf(indexes)) {
    const first = statements[firstIndex]!;
    const last = statements[lastIndex]!;
    const previous = statements[firstIndex - 1];
    const next = statements[lastIndex + 1];
    const eol = lineEndingAt(source, first.startIndex);
    const strings = multiLineStrings(statements.slice(firstIndex, lastIndex + 1));

    const splitBefore = previous !== undefined && sharesLine(source, previous, first);
    const splitAfter = next !== undefined && sharesLine(source, last, next);
    if (splitBefore) edits.push({ start: previous.endIndex, end: first.startIndex, text: eol });
    const runStart = splitBefore ? first.startIndex : lineStartOf(source, first.startIndex);

    if (!splitBefore && isMergeableGuard(source, previous)) {
      // Append to the guard above: indent everything after it, comments between included.
      const indent = blockIndent(source, previous.childForFieldName("consequence")!);
      edits.push(...indentLines(source, nextLineStart(source, previous.endIndex), last.endIndex, indent, strings));
    } else if (!splitAfter && isMergeableGuard(source, next)) {
      // Prepend to the guard below: its header line (with any comment on it) moves up to the run.
      const indent = blockIndent(source, next.childForFieldName("consequence")!);
      const colon = next.childForFieldName("consequence")!.previousSibling!;
      const headerEnd = nextLineStart(source, colon.endIndex);
      edits.push({ start: runStart, end: runStart, text: source.slice(next.startIndex, headerEnd) });
      edits.push(...indentLines(source, runStart, next.startIndex, indent, strings));
      edits.push({ start: next.startIndex, end: headerEnd, text: "" });
    } else {
      edits.push({ start: runStart, end: runStart, text: GUARD + eol });
      edits.push(...indentLines(source, runStart, last.endIndex, unit, strings));
    }
    if (splitAfter) edits.push({ start: last.endIndex, end: next.startIndex, text: eol });
  }
  return edits;
}
