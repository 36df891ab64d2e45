/**
 * Python's own indentation rules, decided without Python and before any tree is built. tree-sitter
 * recovers from some indentation errors without an ERROR node (a stray space before the last
 * statement parses as a statement), so a file Python rejects could otherwise be rewritten.
 *
 * This follows CPython's tokenizer (Parser/tokenizer.c, `tok_get`): a tab moves the column to the
 * next multiple of 8, a form feed resets it to 0, and each line's column is also counted with tabs
 * as 1 ("altcol"); where the two orders disagree, the indentation depends on the tab size and
 * Python raises TabError. Lines inside brackets, after a backslash continuation or inside a
 * triple-quoted string, and lines holding only white space and a comment, do not count. The
 * parser's two indentation errors are here too: an indent after a line that opens no block, and a
 * block opener (a logical line ending in `:`) with no indented line after it.
 */

import { APOSTROPHE, BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, CLOSE_PAREN, COLON, CR, FORM_FEED, HASH, isLineBreak, isSpace, LF, OPEN_BRACE, OPEN_BRACKET, OPEN_PAREN, QUOTE, SPACE, TAB } from "../ascii.js";
import { lineEnd, stringEnd } from "./literals.js";

export interface IndentationError {
  /** 1-based, as Python reports them. */
  line: number;
  column: number;
  /** Python's own words. */
  message: string;
}

const TAB_SIZE = 8;

export interface TokenError {
  offset: number;
  message: string;
}

/** A logical line: where it starts, its indentation, and whether it opens a block. */
interface LogicalLine {
  line: number;
  /** Offset of its first physical line and of its first token. */
  lineStart: number;
  tokenStart: number;
  column: number;
  altColumn: number;
  opensBlock: boolean;
  /** Offset just past its last token. */
  end: number;
}

/** Python's logical lines, as far as it reads them: where each one's first token is, and the first indentation error. */
export interface LogicalLines {
  /** Offsets of the first token of each logical line, in order, up to the first indentation error. */
  starts: number[];
  /** 1-based line of each. */
  lines: number[];
  /** Where the physical line holding each first token starts. */
  lineStarts: number[];
  /** The column Python gives each (tabs to 8, from the last form feed). */
  columns: number[];
  /** Offsets just past the last token of each. */
  ends: number[];
  /** The first token Python's tokenizer or parser refuses that the grammar may take: a string
   * with a prefix Python does not know (`T"x"`), a backslash continuation into the end of the file. */
  tokenError?: TokenError;
  indentationError?: IndentationError;
}

export function readLogicalLines(source: string): LogicalLines {
  const found: LogicalLines = { starts: [], lines: [], lineStarts: [], columns: [], ends: [] };
  const onLine = (logical: LogicalLine) => {
    found.starts.push(logical.tokenStart);
    found.lines.push(logical.line);
    found.lineStarts.push(logical.lineStart);
    found.columns.push(logical.column);
    found.ends.push(logical.end);
  };
  const indentationError = scan(source, onLine, (error) => (found.tokenError ??= error));
  return indentationError ? { ...found, indentationError } : found;
}

/**
 * The logical lines whose first token lies in [start, end) of the file, as if that text were a
 * file of its own: offsets from `start`, lines from `firstLine` (the 1-based line `start` is on).
 */
export function logicalLinesIn(logical: LogicalLines, start: number, end: number, firstLine: number): LogicalLines {
  const [from, to] = [lowerBound(logical.starts, start), lowerBound(logical.starts, end)];
  const shift = (offsets: number[], a: number, b: number) => offsets.slice(a, b).map((offset) => offset - start);
  const local: LogicalLines = {
    starts: shift(logical.starts, from, to),
    lines: logical.lines.slice(from, to).map((line) => line - firstLine + 1),
    lineStarts: shift(logical.lineStarts, from, to),
    columns: logical.columns.slice(from, to),
    ends: shift(logical.ends, from, to),
  };
  const token = logical.tokenError;
  if (token && start <= token.offset && token.offset < end) local.tokenError = { ...token, offset: token.offset - start };
  return local;
}

/** The index of the first of `sorted` that is at least `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The file's indent unit: the indentation of its first indented line, as Python counts it
 * (from the last form feed): a tab if it holds one, else its spaces; four spaces when nothing is
 * indented.
 */
export function indentUnit(source: string, logical: LogicalLines): string {
  const first = logical.columns.findIndex((column) => column > 0);
  if (first === -1) return "    ";
  const indent = source.slice(logical.lineStarts[first], logical.starts[first]).replace(/^.*\f/, "");
  if (indent.includes("\t")) return "\t";
  return /^ +$/.test(indent) ? indent : "    ";
}

function scan(source: string, onLine: (logical: LogicalLine) => void, onTokenError: (error: TokenError) => void): IndentationError | undefined {
  const columns = [0];
  const altColumns = [0];
  /** The line of the logical line just read when it opens a block (the visited object is reused). */
  let opener: number | undefined;
  let error: IndentationError | undefined;
  // Made once, not per line: this runs over every logical line of every file parsed.
  const at = (logical: LogicalLine, column: number, message: string): IndentationError => ({ line: logical.line, column, message });
  const inconsistent = (logical: LogicalLine) => at(logical, 1, "inconsistent use of tabs and spaces in indentation");
  forEachLogicalLine(source, onTokenError, (logical) => {
    onLine(logical);
    const top = columns[columns.length - 1]!;
    if (logical.column > top) {
      if (logical.altColumn <= altColumns[altColumns.length - 1]!) error = inconsistent(logical);
      else if (opener === undefined) error = at(logical, Math.max(1, logical.tokenStart - logical.lineStart), "unexpected indent");
      columns.push(logical.column);
      altColumns.push(logical.altColumn);
    } else {
      while (columns.length > 1 && logical.column < columns[columns.length - 1]!) {
        columns.pop();
        altColumns.pop();
      }
      if (logical.column !== columns[columns.length - 1]) {
        error = at(logical, physicalLine(source, logical.lineStart).length + 1, "unindent does not match any outer indentation level");
      } else if (logical.altColumn !== altColumns[altColumns.length - 1]) error = inconsistent(logical);
      else if (opener !== undefined) error = at(logical, logical.tokenStart - logical.lineStart + 1, `expected an indented block after line ${opener}`);
    }
    opener = logical.opensBlock ? logical.line : undefined;
    return error !== undefined;
  });
  if (error) return error;
  if (opener !== undefined) {
    // At the end of the file, Python points past the last line that holds anything.
    const end = lastNonEmptyLine(source);
    return { line: end.line, column: end.text.length + 1, message: `expected an indented block after line ${opener}` };
  }
  return undefined;
}

function physicalLine(source: string, start: number): string {
  return source.slice(start, lineEnd(source, start));
}

function lastNonEmptyLine(source: string): { line: number; text: string } {
  const lines = source.split(/\r\n|\r|\n/);
  let index = lines.length - 1;
  while (index > 0 && lines[index]!.trim() === "") index--;
  return { line: index + 1, text: lines[index]! };
}

const BOM = 0xfeff;

/**
 * Calls `visit` with each logical line of `source` that holds a token, in order, until it returns
 * true (with the same object each time, filled in anew). Strings and comments are skipped as the tokenizer skips them; a quote after a prefix
 * (`rb"`, `f'`) starts a string like any other, and in every kind of string a backslash keeps the
 * next character in it. Characters are compared as numbers: this runs over every file parsed.
 */
function forEachLogicalLine(source: string, onTokenError: (error: TokenError) => void, visit: (logical: LogicalLine) => boolean): void {
  // One object, filled in for each line: a module of thousands of lines, re-read on every
  // keystroke in an editor, makes no object per line. `visit` copies what it keeps.
  const logical: LogicalLine = { line: 0, lineStart: 0, tokenStart: 0, column: 0, altColumn: 0, opensBlock: false, end: 0 };
  const length = source.length;
  let line = 1;
  let i = source.charCodeAt(0) === BOM ? 1 : 0;
  while (i < length) {
    // The start of a physical line that begins a logical line: measure its indentation.
    const lineStart = i;
    let column = 0;
    let altColumn = 0;
    for (; i < length; i++) {
      const c = source.charCodeAt(i);
      if (c === SPACE) {
        column++;
        altColumn++;
      } else if (c === TAB) {
        column = (Math.floor(column / TAB_SIZE) + 1) * TAB_SIZE;
        altColumn++;
      } else if (c === FORM_FEED) {
        column = altColumn = 0;
      } else break;
    }
    const tokenStart = i;
    const startLine = line;
    // Scan to the end of the logical line.
    let depth = 0;
    let lastToken = 0;
    let lastEnd = i;
    let holdsToken = false;
    while (i < length) {
      const c = source.charCodeAt(i);
      if (isLineBreak(c)) {
        i += c === CR && source.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        if (depth === 0) break;
        continue;
      }
      if (c === HASH) {
        i = lineEnd(source, i);
        continue;
      }
      if (c === BACKSLASH && (isLineBreak(source.charCodeAt(i + 1)) || i + 1 === length)) {
        i += source.charCodeAt(i + 1) === CR && source.charCodeAt(i + 2) === LF ? 3 : 2;
        line++;
        if (i >= length) onTokenError({ offset: tokenStart, message: "unexpected EOF while parsing" });
        continue;
      }
      if (isSpace(c)) {
        i++;
        continue;
      }
      holdsToken = true;
      if (c === QUOTE || c === APOSTROPHE) {
        const prefix = stringPrefix(source, i);
        if (prefix && !STRING_PREFIX.test(prefix.text)) onTokenError({ offset: prefix.start, message: "invalid syntax" });
        const end = stringEnd(source, i);
        line += countLineBreaks(source, i, end);
        i = lastEnd = end;
        lastToken = c;
        continue;
      }
      if (c === OPEN_PAREN || c === OPEN_BRACKET || c === OPEN_BRACE) depth++;
      else if ((c === CLOSE_PAREN || c === CLOSE_BRACKET || c === CLOSE_BRACE) && depth > 0) depth--;
      lastToken = c;
      lastEnd = ++i;
    }
    if (!holdsToken) continue;
    logical.line = startLine;
    logical.lineStart = lineStart;
    logical.tokenStart = tokenStart;
    logical.column = column;
    logical.altColumn = altColumn;
    logical.opensBlock = lastToken === COLON;
    logical.end = lastEnd;
    if (visit(logical)) return;
  }
}

/** The prefixes Python allows before a string's quote. */
const STRING_PREFIX = /^(?:[rRuUfFbB]|[fFbB][rR]|[rR][fFbB])$/;
const NAME_CHARACTER = /[\p{L}\p{N}_]/u;

/** The name characters right before the quote at `quote` (`rb` in `rb"x"`, `T` in `T"x"`). */
function stringPrefix(source: string, quote: number): { start: number; text: string } | undefined {
  let start = quote;
  while (start > 0 && NAME_CHARACTER.test(source[start - 1]!)) start--;
  return start < quote ? { start, text: source.slice(start, quote) } : undefined;
}

function countLineBreaks(source: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c === LF || (c === CR && source.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}
