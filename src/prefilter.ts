import { inArena, searchable, someStart, type Follow } from "./byte-scanner.js";
import type { Catalog } from "./catalog.js";
import { BACKSLASH, CR, FORM_FEED, HASH, LF, LOWER_A, LOWER_S, OPEN_PAREN, SPACE, TAB } from "./ascii.js";
import { blankStringsAndComments } from "./code-blanker.js";

/**
 * A file's raw bytes, searched for ASCII words before anything is decoded or parsed. Every
 * question it answers is a necessary condition: a "no" means no finding is possible.
 */
export class RawText {
  private latin1: string | undefined;
  private code: string | undefined;
  private readonly answers = new Map<string, boolean>();

  constructor(readonly bytes: Buffer) {}

  static of(text: string): RawText {
    return new RawText(Buffer.from(text, "utf8"));
  }

  includes(ascii: string): boolean {
    return this.bytes.includes(ascii, 0, "latin1");
  }

  /**
   * Whether one of `words` occurs as a whole word in call position: followed (after white space,
   * line breaks or backslashes) by `(`, by `as` (an import alias) or by a comment. A server start
   * is a call of a needle, or of an alias imported `as`; a needle in prose is neither. A non-ASCII
   * byte counts as part of a word: Python puts only ASCII next to a name it calls.
   */
  hasCalledWord(set: WordSet): boolean {
    return this.someWord(set, isWordByte, (end) => calledAfter(this.bytes, end));
  }

  /** Whether one of `words` occurs as a whole word, as a regex's `\b` sees words (ASCII only). */
  hasWord(set: WordSet): boolean {
    return this.someWord(set, isAsciiWordByte, () => true);
  }

  /**
   * Whether one of the set's words occurs as a whole word, words being runs of bytes `inWord`
   * accepts, and `after` holds where it ends. Each anchor hit is widened to the word around it.
   */
  private someWord({ anchors, follow, words }: WordSet, inWord: (byte: number) => boolean, after: (end: number) => boolean): boolean {
    const bytes = this.bytes;
    return this.someAnchor(anchors, follow, (at) => {
      let start = at;
      while (start > 0 && inWord(bytes[start - 1]!)) start--;
      return words.some((word) => startsWithAt(bytes, word, start) && !inWord(bytes[start + word.length] ?? SPACE) && after(start + word.length));
    });
  }

  /**
   * Whether `test` holds at some occurrence of one of `anchors` (see `WordSet`), found by one SIMD
   * pass when the bytes were read into the scanner's arena, else by a native search per anchor.
   * Bytes are compared in place: no string is made.
   */
  private someAnchor(anchors: readonly string[], follow: Follow, test: (at: number) => boolean): boolean {
    const bytes = this.bytes;
    if (inArena(bytes) && searchable(anchors)) return someStart(bytes, anchors, test, follow);
    for (const anchor of anchors) {
      for (let at = bytes.indexOf(anchor, 0, "latin1"); at !== -1; at = bytes.indexOf(anchor, at + 1, "latin1")) if (test(at)) return true;
    }
    return false;
  }

  /** The bytes as a one-byte string: ASCII stays itself, so ASCII patterns match as in the text. */
  text(): string {
    this.latin1 ??= this.bytes.toString("latin1");
    return this.latin1;
  }

  /** The text with string literals' contents and comments blanked out (line breaks kept). */
  codeOnly(): string {
    this.code ??= blankStringsAndComments(this.bytes);
    return this.code;
  }

  /** An answer computed once per file, however many transforms ask. */
  remember(question: string, answer: () => boolean): boolean {
    let known = this.answers.get(question);
    if (known === undefined) this.answers.set(question, (known = answer()));
    return known;
  }
}

function startsWithAt(bytes: Buffer, word: Buffer, at: number): boolean {
  if (at + word.length > bytes.length) return false;
  for (let k = 0; k < word.length; k++) if (bytes[at + k] !== word[k]) return false;
  return true;
}

/** Whether the code after a name at `at` calls it, aliases it (`as`) or is hidden by a comment. */
function calledAfter(bytes: Buffer, at: number): boolean {
  let i = at;
  while (i < bytes.length && (bytes[i] === SPACE || bytes[i] === TAB || bytes[i] === FORM_FEED || bytes[i] === LF || bytes[i] === CR || bytes[i] === BACKSLASH)) i++;
  const next = bytes[i];
  if (next === OPEN_PAREN || next === HASH) return true;
  return next === LOWER_A && bytes[i + 1] === LOWER_S && !isWordByte(bytes[i + 2] ?? SPACE);
}

function isAsciiWordByte(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f;
}

function isWordByte(byte: number): boolean {
  return isAsciiWordByte(byte) || byte >= 0x80;
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regex for any of `words` as a whole word. `\b` also breaks at non-ASCII bytes, so it finds
 * at least every true occurrence: conservative. */
export function wordsPattern(words: readonly string[]): RegExp {
  return new RegExp(`\\b(?:${[...words].sort((a, b) => b.length - a.length).map(escape).join("|")})\\b`);
}

/**
 * ASCII words to find in raw bytes, and their anchors: the shortest of them, which the others
 * contain, so that bytes holding no anchor hold no word at all. Anchors are searched for; each
 * hit is checked against the words.
 */
export interface WordSet {
  anchors: readonly string[];
  /**
   * For each anchor, the letters that may follow it inside a word found through it (a word is
   * found through the anchor it contains first): anything else that is a word byte means no word
   * is there, which the byte scanner checks before asking.
   */
  follow: Follow;
  words: readonly Buffer[];
}

export function wordSet(words: readonly string[]): WordSet {
  const anchors = words.filter((word) => !words.some((other) => other !== word && word.includes(other)));
  const inside = new Map(anchors.map((anchor) => [anchor, new Set<string>()]));
  for (const word of words) {
    const [at, anchor] = anchors
      .map((candidate) => [word.indexOf(candidate), candidate] as const)
      .filter(([offset]) => offset !== -1)
      .reduce((first, next) => (next[0] < first[0] ? next : first));
    const next = word[at + anchor.length];
    if (next !== undefined) inside.get(anchor)!.add(next);
  }
  return {
    anchors,
    follow: anchors.map((anchor) => [...inside.get(anchor)!].join("")),
    words: words.map((word) => Buffer.from(word, "latin1")),
  };
}

/**
 * Whether the file can hold a server start at all: it must call a server method or function
 * (`run`, `serve`, `run_app` …) or import one under an alias, and name something that makes a
 * receiver or a function a server's (a framework or server package, an app factory, an
 * application name). Aliases cannot hide both: `from waitress import serve as s` still names
 * `waitress` and `serve`. The needles are found in the bytes themselves, which rules most files
 * out before any string is made.
 */
export function mayHoldServerStart(raw: RawText, catalog: Catalog): boolean {
  return raw.remember("hold", () => {
    const { needleWords, receiverWords } = catalog.prefilter;
    return raw.hasCalledWord(needleWords) && raw.hasWord(receiverWords);
  });
}

/** A top-level chunk of a module: a line with no indentation and the lines that belong under it. */
interface Chunk {
  kind: "function" | "class" | "decorator" | "import" | "guard" | "statement";
  /** Offsets in the text: the chunk's first character, and where the next chunk starts. */
  start: number;
  end: number;
  /** A definition's name. */
  name?: string;
}

const FUNCTION = /^(?:async\s+def|def)\b/;
const CLASS = /^class\b/;
const IMPORT = /^(?:import|from)\b[^;]*$/;
const MAIN_GUARD = /^if\s*\(?\s*(?:__name__\s*==\s*(["'])__main__\1|(["'])__main__\2\s*==\s*__name__)\s*\)?\s*:\s*(?:#.*)?$/;
const DEF_NAME = /\bdef\s+([A-Za-z_]\w*)/;
/** A character that starts a line in column 0, right after a line break. A closing bracket
 * there (`) -> None:` under a long `def`) ends a bracketed line; it never starts a statement. */
const OPENS = "[^ \\t\\f#\\r\\n)\\]}]";
const OPENING = new RegExp(`[\\r\\n]${OPENS}`, "g");
const OPENS_FIRST_LINE = new RegExp(`^${OPENS}`);
/** In a text with form feeds, white space that ends in one may come first: Python counts a
 * line's column from its last form feed. (Looking for it on every line costs more than it finds.) */
const TO_FORM_FEED = "(?:[ \\t\\f]*\\f)?";
const OPENING_AFTER_FORM_FEED = new RegExp(`[\\r\\n]${TO_FORM_FEED}${OPENS}`, "g");
const OPENS_FIRST_LINE_AFTER_FORM_FEED = new RegExp(`^${TO_FORM_FEED}${OPENS}`);

/**
 * Splits the text (strings and comments blanked) at every line that starts in column 0: each
 * top-level statement starts such a line. A line inside brackets may start a chunk too; that only
 * makes a chunk a plain "statement", which can only keep a file in, never rule it out. Blanking
 * keeps every offset, so `code` and `text` (the bytes as Latin-1) line up.
 */
function chunks(code: string, text: string): Chunk[] {
  // A UTF-8 BOM shows as three characters; the first line starts after it.
  const first = text.startsWith("\xEF\xBB\xBF") ? 3 : 0;
  const starts: number[] = [];
  const formFeeds = code.includes("\f");
  const firstLine = (formFeeds ? OPENS_FIRST_LINE_AFTER_FORM_FEED : OPENS_FIRST_LINE).exec(code.slice(first, code.indexOf("\n", first) + 1 || code.length));
  if (firstLine) starts.push(first + firstLine[0].length - 1);
  // A chunk starts at its first character of code.
  for (const match of code.matchAll(formFeeds ? OPENING_AFTER_FORM_FEED : OPENING)) starts.push(match.index + match[0].length - 1);
  return starts.map((start, i) => {
    const end = starts[i + 1] ?? code.length;
    const lineEnd = code.slice(start, end).search(/[\r\n]/);
    const line = code.slice(start, lineEnd < 0 ? end : start + lineEnd);
    // A decorator is evaluated on import, but is never a statement of its own.
    if (FUNCTION.test(line)) return { kind: "function", start, end, name: DEF_NAME.exec(code.slice(start, end))?.[1] };
    if (CLASS.test(line)) return { kind: "class", start, end };
    if (line.startsWith("@")) return { kind: "decorator", start, end };
    if (IMPORT.test(line)) return { kind: "import", start, end };
    if (MAIN_GUARD.test(text.slice(start, start + line.length))) return { kind: "guard", start, end };
    return { kind: "statement", start, end };
  });
}

/** The chunks holding a match of `pattern` (a global regex) in `code`. */
function chunksMatching(pattern: RegExp, code: string, all: readonly Chunk[]): Set<Chunk> {
  const found = new Set<Chunk>();
  let i = 0;
  for (const match of code.matchAll(pattern)) {
    while (i < all.length && all[i]!.end <= match.index) i++;
    const chunk = all[i];
    if (!chunk) break;
    if (chunk.start <= match.index) found.add(chunk);
  }
  return found;
}

/** Calls of the names `words` matches (a global regex): a name followed by `(`, across white space,
 * line breaks and backslashes (comments are blank already), and not the name of a `def`. Only a
 * call starts a server, directly or through a module function. */
const calls = (words: RegExp) => new RegExp(`(?<!\\bdef[\\s\\\\]+)${words.source}[\\s\\\\]*\\(`, "g");

/**
 * Whether a server start can run at import time (MG001–MG003): a needle called in top-level code
 * outside definitions and main guards, or a call from such code to a module function whose body,
 * directly or through other module functions, calls a needle. Names imported `as` an alias of a needle count
 * as needles. Only code counts: a needle in a string or a comment starts nothing.
 */
export function mayStartAtImportTime(raw: RawText, catalog: Catalog): boolean {
  if (!mayHoldServerStart(raw, catalog)) return false;
  return raw.remember("import-time", () => importTimeStart(raw.codeOnly(), raw.text(), catalog));
}

function importTimeStart(code: string, text: string, catalog: Catalog): boolean {
  if (!catalog.prefilter.needle.test(code) || !catalog.prefilter.receiver.test(code)) return false;
  const aliases = [...code.matchAll(new RegExp(`${catalog.prefilter.needle.source}\\s+as\\s+([A-Za-z_]\\w*)`, "g"))].map((m) => m[1]!);
  const needle = calls(aliases.length ? wordsPattern([...catalog.needles, ...aliases]) : catalog.prefilter.needle);
  const all = chunks(code, text);
  const holding = chunksMatching(needle, code, all);
  if ([...holding].some((chunk) => chunk.kind === "statement")) return true;
  // Module functions that may start a server, closed over calls between them. A class body runs on
  // import too, but the rules look for starts in module code and module functions only.
  const starting = new Set<string>();
  const add = (found: Set<Chunk>) => {
    let grew = false;
    for (const chunk of found) {
      if (chunk.kind !== "function" || !chunk.name || starting.has(chunk.name)) continue;
      starting.add(chunk.name);
      grew = true;
    }
    return grew;
  };
  if (!add(holding)) return false;
  for (;;) {
    const calling = chunksMatching(calls(wordsPattern([...starting])), code, all);
    if (!add(calling)) return [...calling].some((chunk) => chunk.kind === "statement");
  }
}
