import type { Catalog } from "../catalog.js";
import type { RawText } from "./raw-text.js";
import { wordsPattern } from "./word-set.js";
import { catalogWords, needleAliases } from "./catalog-words.js";
import { closeOverMentions } from "./call-closure.js";

/**
 * Whether the file can hold a server start at all: it must call a server method or function
 * (`run`, `serve`, `run_app` …) or import one under an alias, and name something that makes a
 * receiver or a function a server's (a framework or server package, an app factory, an
 * application name). Aliases cannot hide both: `from waitress import serve as s` still names
 * `waitress` and `serve`. The needles are found in the bytes themselves, which rules most files
 * out before any string is made; the receivers, by a regex, in the text of the few left.
 */
export function mayHoldServerStart(raw: RawText, catalog: Catalog): boolean {
  return raw.remember("hold", () => {
    // Only a needle's own receivers make its call a start: `current()` only in a file naming
    // tornado, whatever applications it names. Most files call no needle at all.
    const { needleWords, receiversOf } = catalogWords(catalog);
    return raw.someCalledWord(needleWords, (needle) => receiversOf(needle).test(raw.text()));
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

/** Whether a match of `pattern` lies in a class chunk's body, outside its methods (see `outsideDefinitions`). */
function callsInClassBodies(pattern: RegExp, code: string, all: readonly Chunk[]): boolean {
  let i = 0;
  for (const match of code.matchAll(pattern)) {
    while (i < all.length && all[i]!.end <= match.index) i++;
    const chunk = all[i];
    if (chunk?.kind === "class" && chunk.start <= match.index && outsideDefinitions(code, chunk.start, match.index)) return true;
  }
  return false;
}

const INDENT = /^[ \t]*/;
const DEFINITION = /^[ \t]*(?:async[ \t]+def|def)\b/;
const CLOSES = new Set([")", "]", "}"]);

/**
 * Whether the line holding `at` is in no `def` between it and the class at `start`: each line
 * above it indented less than everything below it so far opens a block that holds it, and none of
 * them may be a `def`. (A continuation line read as such a line can only keep a file in.)
 */
function outsideDefinitions(code: string, start: number, at: number): boolean {
  let lineStart = code.lastIndexOf("\n", at - 1) + 1;
  let indent = INDENT.exec(code.slice(lineStart, at))![0].length;
  while (lineStart > start && indent > 0) {
    const end = lineStart - 1;
    lineStart = Math.max(code.lastIndexOf("\n", end - 1) + 1, start);
    const line = code.slice(lineStart, end);
    const width = INDENT.exec(line)![0].length;
    // A blank line, a deeper one, or the closing bracket of a long `def`'s signature opens nothing.
    if (width === line.trimEnd().length || width >= indent || CLOSES.has(line[width]!)) continue;
    if (DEFINITION.test(line)) return false;
    indent = width;
  }
  return true;
}

/** Calls of the names `words` matches (a global regex): a name followed by `(`, across white space,
 * line breaks and backslashes (comments are blank already), and not the name of a `def`; with
 * `targets`, a name passed as a thread's `target=` (`Thread(target=app.run)`), which the thread
 * calls; with `decorators`, a decorator (`@serve`), called on the function it decorates. Only a
 * call starts a server, directly or through a module function. (Each alternative slows the
 * search down: they are asked for only where they can match.) */
function calls(words: RegExp, { targets, decorators }: { targets: boolean; decorators: boolean }): RegExp {
  const call = `(?<!\\bdef[\\s\\\\]+)${words.source}[\\s\\\\]*\\(`;
  const target = `\\btarget[\\s\\\\]*=[\\s\\\\]*(?:[A-Za-z_][\\w.]*\\.)?${words.source}`;
  const decorator = `^@[ \\t]*${words.source}`;
  return new RegExp([call, ...(targets ? [target] : []), ...(decorators ? [decorator] : [])].join("|"), "gm");
}

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
  const words = catalogWords(catalog);
  if (!words.needle.test(code) || !words.receiver.test(code)) return false;
  const aliases = needleAliases(code, catalog);
  const targets = code.includes("target");
  const needle = calls(aliases.length ? wordsPattern([...catalog.needles, ...aliases]) : words.needle, { targets, decorators: false });
  const all = chunks(code, text);
  const holding = chunksMatching(needle, code, all);
  if ([...holding].some((chunk) => chunk.kind === "statement")) return true;
  // A class body runs on import too: a start written in it, not in one of its methods.
  if ([...holding].some((chunk) => chunk.kind === "class") && callsInClassBodies(needle, code, all)) return true;
  // Module functions that may start a server, closed over calls between them.
  const functions = all.filter((chunk) => chunk.kind === "function" && chunk.name !== undefined);
  // One pass over the code per set of names: the chunks that call one of them.
  let asked: RegExp | undefined;
  let calling = new Set<Chunk>();
  const calledIn = (chunk: Chunk, names: RegExp) => {
    if (names !== asked) [asked, calling] = [names, chunksMatching(calls(names, { targets, decorators: false }), code, all)];
    return calling.has(chunk);
  };
  const starting = closeOverMentions(functions, functions.filter((chunk) => holding.has(chunk)), (chunk) => chunk.name, calledIn);
  if (starting.size === 0) return false;
  const startingCalls = chunksMatching(calls(wordsPattern([...starting].map((chunk) => chunk.name!)), { targets, decorators: true }), code, all);
  // A decorator runs when the definition under it does: at import, for a top-level one.
  return [...startingCalls].some((chunk) => chunk.kind === "statement" || chunk.kind === "decorator");
}
