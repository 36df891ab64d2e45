/**
 * Big modules (route tables, generated code) are checked without a tree of the whole file: such a
 * tree takes about 50 bytes of WebAssembly memory per byte of source, and a verified fix needs two.
 * Instead the engine checks the file's syntax a slice of whole top-level statements at a time, and
 * analyses and fixes a condensed view of it: the same text with every top-level function and class
 * that cannot start a server blanked out (same length, same lines, so every offset, line and column
 * stays put). The fix's edits never touch a blanked range, so they apply to the file itself.
 */
import type { Point, Range } from "web-tree-sitter";
import type { Catalog } from "../catalog.js";
import type { Edit } from "../types.js";
import type { LogicalLines } from "../python/indentation.js";
import { wordsPattern } from "../prefilter/word-set.js";
import { needleAliases } from "../prefilter/catalog-words.js";
import { closeOverMentions } from "../prefilter/call-closure.js";
import { LineIndex } from "../line-index.js";

/** A top-level statement as Python's tokenizer delimits it: from its first line to the next one's. */
export interface TopLevelRange {
  /** Offsets: the start of its first line, its first token, and the start of the next statement's line. */
  lineStart: number;
  tokenStart: number;
  end: number;
  /** 1-based. */
  line: number;
  /** A function or class (decorators included), with its name; undefined for other statements. */
  definition?: { kind: "def" | "class"; name: string; headerStart: number };
}

/** Lines at column 0 that continue the statement before them. */
const CLAUSE = /^(?:else|elif|except|finally)\b/;
const DEFINITION = /^(?:async[ \t\f\\]+)?(def|class)[ \t\f\\]+([A-Za-z_]\w*)/;

/** The top-level statements of `source`, from its logical lines (up to an indentation error, if any). */
export function topLevelRanges(source: string, logical: LogicalLines): TopLevelRange[] {
  const ranges: TopLevelRange[] = [];
  let decorated = false;
  for (const [i, start] of logical.starts.entries()) {
    if (logical.columns[i] !== 0) continue;
    const head = source.slice(start, start + 200);
    if (CLAUSE.test(head) && ranges.length > 0) continue;
    const match = DEFINITION.exec(head);
    const last = ranges[ranges.length - 1];
    if (decorated && last && match) {
      last.definition = { kind: match[1] as "def" | "class", name: match[2]!, headerStart: start };
      decorated = false;
      continue;
    }
    if (decorated && last && head.startsWith("@")) continue;
    if (last) last.end = logical.lineStarts[i]!;
    decorated = head.startsWith("@");
    ranges.push({
      lineStart: logical.lineStarts[i]!,
      tokenStart: start,
      end: source.length,
      line: logical.lines[i]!,
      ...(match ? { definition: { kind: match[1] as "def" | "class", name: match[2]!, headerStart: start } } : {}),
    });
  }
  return ranges;
}

export interface Condensed {
  /** What the engine parses: the source with each blanked range as spaces (line breaks kept),
   * a run of them opening with the statement `0`, so that no guard is merged across them. */
  text: string;
  /** [start, end) offsets blanked, in order; the fix may not touch them. */
  blanked: Array<[number, number]>;
}

/**
 * The condensed view of `source`. A function is kept when its text names a server function or
 * method (or an alias of one) or a kept function or class, so every chain of calls that may start
 * a server stays whole (MG003); a class is kept when it names one, or an application class (a
 * subclass of Flask is an application). Everything else at the top level is kept.
 */
export function condense(source: string, ranges: readonly TopLevelRange[], catalog: Catalog): Condensed {
  const definitions = ranges.filter((range) => range.definition);
  const textOf = (range: TopLevelRange) => source.slice(range.definition!.headerStart, range.end);
  const wanted = wordsPattern([...catalog.needles, ...needleAliases(source, catalog)]);
  const applicationClasses = wordsPattern(catalog.frameworks.flatMap((framework) => framework.appClasses.map((name) => name.split(".").pop()!)));
  const seeds = definitions.filter((range) => {
    const text = textOf(range);
    return wanted.test(text) || (range.definition!.kind === "class" && applicationClasses.test(text));
  });
  // Close over mentions: a function that names a kept one may start a server through it.
  const kept = closeOverMentions(definitions, seeds, (range) => range.definition!.name, (range, names) => names.test(textOf(range)));

  const blanked: Array<[number, number]> = [];
  for (const range of definitions) {
    if (kept.has(range)) continue;
    const last = blanked[blanked.length - 1];
    if (last && last[1] === range.lineStart) last[1] = range.end;
    else blanked.push([range.tokenStart, range.end]);
  }
  if (blanked.length === 0) return { text: source, blanked };
  const pieces: string[] = [];
  let at = 0;
  for (const [start, end] of blanked) {
    pieces.push(source.slice(at, start), "0", blank(source, start + 1, end));
    at = end;
  }
  pieces.push(source.slice(at));
  return { text: pieces.join(""), blanked };
}

/** Spaces for the characters of source[start, end), but for its line breaks: a run of spaces per
 * line (a regular expression replacing each character would build millions of pieces for a big file). */
function blank(source: string, start: number, end: number): string {
  const pieces: string[] = [];
  let from = start;
  for (const lineBreak of source.slice(start, end).matchAll(/\r\n?|\n/g)) {
    const at = start + lineBreak.index;
    pieces.push(" ".repeat(at - from), lineBreak[0]);
    from = at + lineBreak[0].length;
  }
  pieces.push(" ".repeat(end - from));
  return pieces.join("");
}

/**
 * The parts of `text` (a condensed view) the parser reads: all but the blanked ranges, whose
 * placeholder `0` and the line break after it are kept. Skipping the blank lines keeps the
 * parser from reading megabytes of white space (1.3 s for a 20 MB module, against 1 ms).
 */
export function includedRanges(text: string, blanked: ReadonlyArray<[number, number]>): Range[] {
  const lines = new LineIndex(text);
  // Rows and UTF-16 columns, as web-tree-sitter counts them (a view never holds a lone CR).
  const point = (offset: number): Point => {
    const row = lines.lineOf(offset);
    return { row, column: offset - lines.lineStart(row) };
  };
  const range = (startIndex: number, endIndex: number): Range => ({ startIndex, endIndex, startPosition: point(startIndex), endPosition: point(endIndex) });
  const ranges: Range[] = [];
  let at = 0;
  for (const [start, end] of blanked) {
    ranges.push(range(at, start + 1));
    const lineBreak = text.indexOf("\n", start);
    if (lineBreak !== -1 && lineBreak < end) ranges.push(range(lineBreak, lineBreak + 1));
    at = end;
  }
  if (at < text.length) ranges.push(range(at, text.length));
  return ranges;
}

/**
 * The blanked ranges of a view after `edits` (sorted, none inside a range): an insertion at a
 * range's end belongs to the statement after it.
 */
export function shiftedBlanked(blanked: ReadonlyArray<[number, number]>, edits: readonly Edit[]): Array<[number, number]> {
  const shift = (offset: number) => {
    let shifted = offset;
    for (const edit of edits) {
      if (edit.start >= offset) break;
      shifted += edit.text.length - (edit.end - edit.start);
    }
    return shifted;
  };
  return blanked.map(([start, end]) => [shift(start), shift(end)]);
}

/** Whether `edit` ([start, end), an insertion when equal) touches a blanked range. */
export function touchesBlanked(blanked: ReadonlyArray<[number, number]>, start: number, end: number): boolean {
  return blanked.some(([from, to]) => (start === end ? from <= start && start < to : start < to && end > from));
}

/** Consecutive top-level statements in slices of about `size` characters: [start, end) offsets, and the line `start` is on. */
export function slices(ranges: readonly TopLevelRange[], size: number): Array<{ start: number; end: number; line: number }> {
  const out: Array<{ start: number; end: number; line: number }> = [];
  for (const range of ranges) {
    const last = out[out.length - 1];
    if (last && last.end - last.start < size) last.end = range.end;
    else out.push({ start: range.lineStart, end: range.end, line: range.line });
  }
  return out;
}
