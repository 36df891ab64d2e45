/**
 * Lines of a text, and where an offset falls in them: the one conversion between JavaScript
 * string offsets (UTF-16 code units, as web-tree-sitter and magic-string count) and the positions
 * people and protocols use. Python ends a line at LF, CR LF or a lone CR; so does this.
 */

/** A place in a text: 0-based line, and its column counted three ways from the line's start. */
export interface Location {
  line: number;
  /** UTF-16 code units (JavaScript, LSP's default, SARIF's and the CLI's columns). */
  utf16: number;
  /** UTF-8 bytes (LSP's `utf-8` position encoding, ruff's choice when offered). */
  utf8: number;
  /** Unicode code points (LSP's `utf-32`; Python's own column offsets count these). */
  codePoints: number;
}

/** 1-based line and column (UTF-16 code units), as findings, JSON and SARIF show them. */
export interface Position {
  line: number;
  column: number;
}

export type Encoding = "utf-8" | "utf-16" | "utf-32";

export class LineIndex {
  /** Offset of each line's first character. */
  readonly starts: number[] = [0];

  constructor(readonly text: string) {
    if (text.includes("\r")) {
      // A lone CR ends a line too (old Mac files): only then is every break matched by a regex.
      for (const found of text.matchAll(/\r\n?|\n/g)) this.starts.push(found.index + found[0].length);
    } else {
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The 0-based line holding `offset` (the last line for an offset past the end). */
  lineOf(offset: number): number {
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Offset of the first character of 0-based `line` (the text's length past the last line). */
  lineStart(line: number): number {
    return line < this.starts.length ? this.starts[Math.max(line, 0)]! : this.text.length;
  }

  /** Offset where 0-based `line`'s content ends (before its line break). */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    return contentEnd(this.text, this.starts[line + 1]!);
  }

  /** 1-based line and UTF-16 column of `offset`; a BOM is not a column anyone sees. */
  position(offset: number): Position {
    const line = this.lineOf(offset);
    const shift = line === 0 && offset > 0 && this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return { line: line + 1, column: offset - this.starts[line]! + 1 - shift };
  }

  /** Where `offset` is, with its column in every encoding. */
  location(offset: number): Location {
    const line = this.lineOf(offset);
    const before = this.text.slice(this.starts[line]!, offset);
    return { line, utf16: before.length, utf8: utf8Length(before), codePoints: codePoints(before) };
  }

  /** The column of `offset` in `encoding`, counted from its line's start (0-based). */
  column(offset: number, encoding: Encoding): number {
    const { utf16, utf8, codePoints } = this.location(offset);
    return encoding === "utf-16" ? utf16 : encoding === "utf-8" ? utf8 : codePoints;
  }

  /**
   * The offset of 0-based `line` and `column` counted in `encoding`. A column past the line's end
   * means its end, and one inside a character (half of a surrogate pair, a UTF-8 byte that is not
   * a character's first) means that character's start, as the LSP asks of a server.
   */
  offsetAt(line: number, column: number, encoding: Encoding): number {
    if (line >= this.starts.length) return this.text.length;
    return offsetInLine(this.text, this.lineStart(line), this.lineEnd(line), column, encoding);
  }
}

/** Line breaks as Python (and this file) counts them. */
const BREAK = /\r\n?|\n/g;

/** Where the line after the one holding `from` starts, or -1 on the last line. */
function nextLineStart(text: string, from: number, hasCr: boolean): number {
  if (!hasCr) {
    const at = text.indexOf("\n", from);
    return at === -1 ? -1 : at + 1;
  }
  BREAK.lastIndex = from;
  return BREAK.exec(text) ? BREAK.lastIndex : -1;
}

/**
 * Line and UTF-16 column of `offset`, found by scanning `text` once, with no index built: for a
 * single question about a long text that changes between questions (an editor's keystrokes).
 */
export function scanPosition(text: string, offset: number): { line: number; column: number } {
  const hasCr = text.includes("\r");
  let line = 0;
  let start = 0;
  for (let next = nextLineStart(text, 0, hasCr); next !== -1 && next <= offset; next = nextLineStart(text, next, hasCr)) {
    line++;
    start = next;
  }
  return { line, column: offset - start };
}

/** `LineIndex.offsetAt` by scanning `text` once, with no index built (see `scanPosition`). */
export function scanOffset(text: string, line: number, column: number, encoding: Encoding): number {
  const hasCr = text.includes("\r");
  let start = 0;
  for (let seen = 0; seen < line; seen++) {
    start = nextLineStart(text, start, hasCr);
    if (start === -1) return text.length;
  }
  const next = nextLineStart(text, start, hasCr);
  return offsetInLine(text, start, next === -1 ? text.length : contentEnd(text, next), column, encoding);
}

/** Where a line's content ends, given where the next line starts: before its break (CR LF, CR or LF). */
function contentEnd(text: string, next: number): number {
  return text[next - 2] === "\r" && text[next - 1] === "\n" ? next - 2 : next - 1;
}

/** The offset of `column` (counted in `encoding`) in the line [start, end): its end when past it, a character's start when inside one. */
function offsetInLine(text: string, start: number, end: number, column: number, encoding: Encoding): number {
  if (encoding === "utf-16") return Math.min(start + Math.max(column, 0), end);
  let counted = 0;
  let at = start;
  while (at < end) {
    const code = text.codePointAt(at)!;
    const width = encoding === "utf-8" ? utf8Width(code) : 1;
    if (counted + width > column) break;
    counted += width;
    at += code > 0xffff ? 2 : 1;
  }
  return at;
}

function utf8Width(code: number): number {
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/** How many bytes `text` takes in UTF-8 (a lone surrogate as U+FFFD would: 3). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i + 1 < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}
