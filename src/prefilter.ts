import type { Catalog } from "./catalog.js";

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
   * Whether one of `words` occurs as a whole word, found from native searches for `anchors` (the
   * shortest substrings of the words) without turning the bytes into a string. A non-ASCII byte
   * counts as part of a word, which is conservative: code puts only ASCII next to a name.
   */
  hasWord(anchors: readonly string[], words: ReadonlySet<string>): boolean {
    const bytes = this.bytes;
    for (const anchor of anchors) {
      for (let at = bytes.indexOf(anchor, 0, "latin1"); at !== -1; at = bytes.indexOf(anchor, at + 1, "latin1")) {
        let start = at;
        while (start > 0 && isWordByte(bytes[start - 1]!)) start--;
        let end = at + anchor.length;
        while (end < bytes.length && isWordByte(bytes[end]!)) end++;
        if (end - start <= MAX_WORD && words.has(bytes.toString("latin1", start, end))) return true;
      }
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
    this.code ??= blankStringsAndComments(this.bytes).toString("latin1");
    return this.code;
  }

  /** An answer computed once per file, however many transforms ask. */
  remember(question: string, answer: () => boolean): boolean {
    let known = this.answers.get(question);
    if (known === undefined) this.answers.set(question, (known = answer()));
    return known;
  }
}

const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const HASH = 0x23;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;

/**
 * The bytes with Python's string literals' contents (any prefix, single or triple quoted,
 * escapes) and comments turned into spaces; line breaks stay, so the line structure is the
 * file's. A lightweight tokenizer: it only has to find where strings and comments start and end.
 */
export function blankStringsAndComments(source: Uint8Array): Buffer {
  const out = Buffer.from(source);
  const n = out.length;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== LF && out[k] !== CR) out[k] = SPACE;
  };
  let i = 0;
  while (i < n) {
    const c = out[i]!;
    if (c === HASH) {
      let end = i;
      while (end < n && out[end] !== LF && out[end] !== CR) end++;
      blank(i, end);
      i = end;
    } else if (c === QUOTE || c === APOSTROPHE) {
      const triple = out[i + 1] === c && out[i + 2] === c;
      const width = triple ? 3 : 1;
      const open = i + width;
      let end = open;
      let closed = false;
      while (end < n) {
        const d = out[end]!;
        if (d === BACKSLASH) {
          end += 2;
          continue;
        }
        if (d === c && (!triple || (out[end + 1] === c && out[end + 2] === c))) {
          closed = true;
          break;
        }
        // An unterminated one-line string ends at the line break (Python would reject it).
        if (!triple && (d === LF || d === CR)) break;
        end++;
      }
      end = Math.min(end, n);
      blank(open, end);
      i = closed ? end + width : end;
    } else {
      i++;
    }
  }
  return out;
}

const MAX_WORD = 64;

function isWordByte(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f || byte >= 0x80;
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regex for any of `words` as a whole word. `\b` also breaks at non-ASCII bytes, so it finds
 * at least every true occurrence: conservative. */
export function wordsPattern(words: readonly string[]): RegExp {
  return new RegExp(`\\b(?:${[...words].sort((a, b) => b.length - a.length).map(escape).join("|")})\\b`);
}

/** The shortest needles: a file holding none of them as a substring holds no needle at all. */
export function substringsOf(words: readonly string[]): string[] {
  return words.filter((word) => !words.some((other) => other !== word && word.includes(other)));
}

/**
 * Whether the file can hold a server start at all: it must name a server method or function
 * (`run`, `serve`, `run_app` …) and something that makes a receiver or a function a server's (a
 * framework or server package, an app factory, an application name). Aliases cannot hide both:
 * `from waitress import serve as s` still names `waitress` and `serve`. The needle words are
 * found in the bytes themselves, which rules most files out before any string is made.
 */
export function mayHoldServerStart(raw: RawText, catalog: Catalog): boolean {
  return raw.remember("hold", () => {
    if (!raw.hasWord(catalog.prefilter.substrings, catalog.prefilter.needleSet)) return false;
    return catalog.prefilter.receiver.test(raw.text());
  });
}

/** A top-level chunk of a module: a line with no indentation and the lines that belong under it. */
interface Chunk {
  kind: "definition" | "decorator" | "import" | "guard" | "statement";
  text: string;
}

const DEFINITION = /^(?:async\s+def|def|class)\b/;
const IMPORT = /^(?:import|from)\b[^;]*$/;
const MAIN_GUARD = /^if\s*\(?\s*(?:__name__\s*==\s*(["'])__main__\1|(["'])__main__\2\s*==\s*__name__)\s*\)?\s*:\s*(?:#.*)?$/;

/**
 * Splits the text (strings and comments blanked) at every line that starts in column 0: each
 * top-level statement starts such a line. A line inside brackets may start a chunk too; that only
 * makes a chunk a plain "statement", which can only keep a file in, never rule it out.
 */
function chunks(code: string, text: string): Chunk[] {
  const found: Chunk[] = [];
  // The texts are the bytes as Latin-1: a UTF-8 BOM shows as three characters. Blanking keeps
  // every line break, so line i of the code is line i of the text.
  const split = (s: string) => s.replace(/^\xEF\xBB\xBF/, "").split(/\r\n|\r|\n/);
  const lines = split(code);
  const original = split(text);
  let start = -1;
  const close = (end: number) => {
    if (start < 0) return;
    const body = lines.slice(start, end).join("\n");
    const first = lines[start]!;
    // A decorator is evaluated on import, but is never a statement of its own.
    const kind = DEFINITION.test(first)
      ? "definition"
      : first.startsWith("@")
        ? "decorator"
        : IMPORT.test(first)
        ? "import"
          : MAIN_GUARD.test(original[start] ?? "")
            ? "guard"
            : "statement";
    found.push({ kind, text: body });
  };
  lines.forEach((line, index) => {
    const opens = line.length > 0 && !/^[ \t\f#]/.test(line);
    if (!opens) return;
    close(index);
    start = index;
  });
  close(lines.length);
  return found;
}

const DEF_NAME = /\b(?:def|class)\s+([A-Za-z_]\w*)/;

/**
 * Whether a server start can run at import time (MG001–MG003): a needle in top-level code outside
 * definitions and main guards, or a call from such code to a module function whose body, directly
 * or through other module functions, holds a needle. Names imported `as` an alias of a needle count
 * as needles. Only code counts: a needle in a string or a comment starts nothing.
 */
export function mayStartAtImportTime(raw: RawText, catalog: Catalog): boolean {
  if (!mayHoldServerStart(raw, catalog)) return false;
  // `app.run(` or `serve(` at the start of a line: most likely a finding, so skip the chunk
  // analysis and parse (a line inside a string only costs a parse).
  if (catalog.prefilter.topLevelCall.test(raw.text())) return true;
  return raw.remember("import-time", () => importTimeStart(raw.codeOnly(), raw.text(), catalog));
}

function importTimeStart(text: string, original: string, catalog: Catalog): boolean {
  if (!catalog.prefilter.needle.test(text) || !catalog.prefilter.receiver.test(text)) return false;
  const aliases = [...text.matchAll(new RegExp(`${catalog.prefilter.needle.source}\\s+as\\s+([A-Za-z_]\\w*)`, "g"))].map((m) => m[1]!);
  const needle = aliases.length ? wordsPattern([...catalog.needles, ...aliases]) : catalog.prefilter.needle;
  const all = chunks(text, original);
  const statements = all.filter((chunk) => chunk.kind === "statement");
  if (statements.some((chunk) => needle.test(chunk.text))) return true;
  // Module functions that may start a server, closed over calls between them.
  const definitions = all.filter((chunk) => chunk.kind === "definition");
  const starting = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    const called = starting.size ? wordsPattern([...starting]) : undefined;
    for (const chunk of definitions) {
      const name = DEF_NAME.exec(chunk.text)?.[1];
      if (!name || starting.has(name)) continue;
      if (needle.test(chunk.text) || (called && called.test(chunk.text))) {
        starting.add(name);
        grew = true;
      }
    }
  }
  if (starting.size === 0) return false;
  const calls = wordsPattern([...starting]);
  return statements.some((chunk) => calls.test(chunk.text));
}
