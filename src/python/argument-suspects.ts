import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, CLOSE_PAREN, COLON, COMMA, EQUALS, HASH, isSpace, isWhiteOrContinuation, OPEN_PAREN, STAR } from "../ascii.js";
import { lineEnd, stringEnd } from "./literals.js";

/**
 * Where a call's arguments or a definition's parameters may be in an order Python rejects
 * (`f(a=1, 2)`, `f(**m, *a)`, `f(a=1, a=2)`, `def f(a=1, b)`, `lambda a=1, b: 0`), read from the
 * text alone. Such a list's trouble can only start at a keyword argument or a default (`name=`
 * after `(` or `,`), at `**`, or in a `def`'s or a `lambda`'s parameters: each is found by a
 * native search (a regular expression for the first two, `indexOf` for `def` and `lambda`), and
 * only from there is the rest of its list read, item by item, following brackets, strings and
 * comments. It only says where to look: an item it cannot read (a non-ASCII name, a hit inside a
 * string) may be named too, and the tree decides (see `misorderedItems`). Keywords usually come
 * last, so most files name no suspect.
 */

/** A list read further than this from one start is given up on (a start inside a long string, say). */
const MOST = 1 << 16;

/** A keyword argument or default (`name=`, not `name==`) or a `**` right after a `(` or a `,`
 * (across white space and line breaks): where a list's order starts to matter. */
const KEYWORD_OR_MAPPING = /[(,][ \t\f\r\n\\]*(?:[A-Za-z_]\w*[ \t\f]*=(?!=)|\*\*)/g;

/** Offsets of the items Python may reject for their place; usually none. */
export function argumentOrderSuspects(source: string): number[] {
  const reader = new ListReader(source);
  for (const { index } of source.matchAll(KEYWORD_OR_MAPPING)) reader.readFrom(index);
  for (let at = source.indexOf("def"); at !== -1; at = source.indexOf("def", at + 3)) reader.readFrom(parametersOf(source, at));
  for (let at = source.indexOf("lambda"); at !== -1; at = source.indexOf("lambda", at + 6)) {
    if (isWord(source, at, 6)) reader.readLambda(at + 5);
  }
  return reader.suspects;
}

/** `==`, `<=`, `>=`, `!=`, `:=` and augmented assignments (`+=` …): an `=` after these is no default's. */
const OPERATOR_BEFORE_EQUALS = new Uint8Array(128);
for (const c of "=<>!:+-*/%&|^@~") OPERATOR_BEFORE_EQUALS[c.charCodeAt(0)] = 1;

const isNameStart = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
const isNamePart = (c: number) => isNameStart(c) || (c >= 0x30 && c <= 0x39);

/** Whether the `length` characters at `at` are a word of their own (the text's ends count as edges). */
function isWord(source: string, at: number, length: number): boolean {
  const edge = (c: number) => Number.isNaN(c) || (c < 0x80 && !isNamePart(c));
  return edge(source.charCodeAt(at - 1)) && edge(source.charCodeAt(at + length));
}

/** The `(` of the parameters of the `def` at `at`, or -1. */
function parametersOf(source: string, at: number): number {
  if (!isWord(source, at, 3)) return -1;
  let i = at + 3;
  while (isSpace(source.charCodeAt(i))) i++;
  if (!isNameStart(source.charCodeAt(i))) return -1;
  while (isNamePart(source.charCodeAt(i))) i++;
  while (isSpace(source.charCodeAt(i))) i++;
  return source.charCodeAt(i) === OPEN_PAREN ? i : -1;
}

type Kind = "positional" | "keyword" | "typed" | "mapping" | "star" | "none";

/** What ends an item besides a `,` or a closing bracket: a lambda's colon, a line break. */
interface Ends {
  colon: boolean;
  line: boolean;
}

const IN_BRACKETS: Ends = { colon: false, line: false };
/** From a comma, which may be a tuple's outside any bracket (`x, a = 1, 2`): its line ends it. */
const ON_ITS_LINE: Ends = { colon: false, line: true };
const LAMBDA: Ends = { colon: true, line: true };

/**
 * Reads lists of one text, each from a separator to its end, judging each item against those
 * before it. A list read from a separator is not read again from a later one of its own: one
 * mark per separator read (a byte per character of the text, made once per file).
 */
class ListReader {
  readonly suspects: number[] = [];
  private readonly read: Uint8Array;
  /** The item being read (one object, reused: a module holds thousands of items). */
  private readonly item: Item = { kind: "none", start: 0, nameEnd: 0, next: 0, defaulted: false };
  private readonly names: number[] = [];

  constructor(private readonly source: string) {
    this.read = new Uint8Array(source.length);
  }

  /** The list whose `(` or `,` is at `at` (-1: none), from there on. */
  readFrom(at: number): void {
    if (at === -1 || this.read[at]) return;
    this.readList(at, this.source.charCodeAt(at) === COMMA ? ON_ITS_LINE : IN_BRACKETS);
  }

  /** The parameters of the `lambda` whose last letter is at `at`. */
  readLambda(at: number): void {
    this.readList(at, LAMBDA);
  }

  private readList(at: number, ends: Ends): void {
    const { source, item } = this;
    let keyword = false;
    let mapping = false;
    // The keywords so far, as offsets of their names (start, end, start, end …): most lists have
    // one or two, and a repeated one is rare, so no name is copied out of the text.
    const names = this.names;
    let named = 0;
    const end = Math.min(source.length, at + MOST);
    for (let separator = at; separator < end; ) {
      this.read[separator] = 1;
      readItem(source, skipSpace(source, separator + 1), ends.colon, item);
      const after = skipItem(source, item.next, end, ends, item);
      switch (item.kind) {
        case "keyword":
          if (repeats(source, names, named, item.start, item.nameEnd)) this.suspects.push(item.start);
          names[named++] = item.start;
          names[named++] = item.nameEnd;
          keyword = true;
          break;
        case "mapping":
          mapping = keyword = true;
          break;
        case "star":
          if (mapping) this.suspects.push(item.start);
          break;
        case "typed":
          // A default after the annotation (`a: int = 1`) makes it a keyword's like.
          if (item.defaulted) keyword = true;
          else if (keyword) this.suspects.push(item.start);
          break;
        case "positional":
          if (keyword) this.suspects.push(item.start);
          break;
      }
      if (source.charCodeAt(after) !== COMMA) return;
      separator = after;
    }
  }
}

/** Whether the name from `start` to `end` is one of the first `count` of `names` (offsets in pairs). */
function repeats(source: string, names: readonly number[], count: number, start: number, end: number): boolean {
  for (let k = 0; k < count; k += 2) {
    const from = names[k]!;
    if (names[k + 1]! - from !== end - start) continue;
    let i = 0;
    while (i < end - start && source.charCodeAt(from + i) === source.charCodeAt(start + i)) i++;
    if (i === end - start) return true;
  }
  return false;
}

/** An item of a list as `readItem` reads it: what it starts with, its keyword's name (up to `nameEnd`), where the rest begins. */
interface Item {
  kind: Kind;
  start: number;
  nameEnd: number;
  next: number;
  defaulted: boolean;
}

/** Reads what the item at `at` starts with into `item`, and where the rest of it begins. */
function readItem(source: string, at: number, inLambda: boolean, item: Item): void {
  item.start = item.next = at;
  item.defaulted = false;
  const c = source.charCodeAt(at);
  if (c === STAR) {
    const mapping = source.charCodeAt(at + 1) === STAR;
    item.kind = mapping ? "mapping" : "star";
    item.next = at + (mapping ? 2 : 1);
    return;
  }
  if (!isNameStart(c)) {
    const closes = c === CLOSE_PAREN || c === CLOSE_BRACKET || c === CLOSE_BRACE;
    item.kind = Number.isNaN(c) || closes || (inLambda && c === COLON) ? "none" : "positional";
    return;
  }
  let end = at + 1;
  while (isNamePart(source.charCodeAt(end))) end++;
  item.kind = "positional";
  item.next = end;
  // `lambda` in a list is an argument; its own parameters are read from its own start.
  if (end - at === 6 && source.startsWith("lambda", at)) return;
  let next = end;
  while (isSpace(source.charCodeAt(next)) || source.charCodeAt(next) === BACKSLASH) next++;
  const after = source.charCodeAt(next);
  if (after === EQUALS && source.charCodeAt(next + 1) !== EQUALS) {
    item.kind = "keyword";
    item.nameEnd = end;
    item.next = next + 1;
  } else if (after === COLON && !inLambda && source.charCodeAt(next + 1) !== EQUALS) {
    // In a lambda's parameters a colon ends the list; elsewhere it starts a parameter's annotation.
    item.kind = "typed";
    item.next = next + 1;
  }
}

/** What `skipItem` does at a character, by its code (0, most: nothing but step over it). */
const enum Step {
  Quote = 1,
  Comment,
  Escape,
  Opens,
  Closes,
  Separates,
  Assigns,
  Colon,
  LineBreak,
}
const STEPS = new Uint8Array(128);
for (const [chars, step] of [["\"'", Step.Quote], ["#", Step.Comment], ["\\", Step.Escape], ["([{", Step.Opens], [")]}", Step.Closes], [",", Step.Separates], ["=", Step.Assigns], [":", Step.Colon], ["\r\n", Step.LineBreak]] as const) {
  for (const c of chars) STEPS[c.charCodeAt(0)] = step;
}

/**
 * Skips the rest of an item: to the `,` at the list's own depth, or a bracket that closes it (or
 * an enclosing one: the list ends there too), or what `ends` adds. In a typed item, notes an `=`
 * of its own (a default after the annotation). Most characters are none of these: one table
 * lookup each.
 */
function skipItem(source: string, from: number, end: number, ends: Ends, item: Item): number {
  const typed = item.kind === "typed";
  let depth = 0;
  for (let i = from; i < end; i++) {
    const code = source.charCodeAt(i);
    const step = code < 128 ? STEPS[code]! : 0;
    if (step === 0) continue;
    if (step === Step.Quote) i = stringEnd(source, i) - 1;
    else if (step === Step.Comment) i = lineEnd(source, i) - 1;
    else if (step === Step.Escape) i++;
    else if (step === Step.Opens) depth++;
    else if (step === Step.Closes) {
      if (depth === 0) return i;
      depth--;
    } else if (depth > 0) continue;
    else if (step === Step.Separates || (step === Step.Colon && ends.colon) || (step === Step.LineBreak && ends.line)) return i;
    else if (step === Step.Assigns && typed && !OPERATOR_BEFORE_EQUALS[source.charCodeAt(i - 1)] && source.charCodeAt(i + 1) !== EQUALS) item.defaulted = true;
  }
  return end;
}

/** Where white space, line continuations and comments after `at` end. */
function skipSpace(source: string, at: number): number {
  let i = at;
  for (;;) {
    const c = source.charCodeAt(i);
    if (isWhiteOrContinuation(c)) i++;
    else if (c === HASH) i = lineEnd(source, i);
    else return i;
  }
}
