import type { Catalog } from "./catalog.js";

/**
 * A file's raw bytes, searched for ASCII words before anything is decoded or parsed. Every
 * question it answers is a necessary condition: a "no" means no finding is possible.
 */
export class RawText {
  private latin1: string | undefined;

  constructor(readonly bytes: Buffer) {}

  static of(text: string): RawText {
    return new RawText(Buffer.from(text, "utf8"));
  }

  includes(ascii: string): boolean {
    return this.bytes.includes(ascii, 0, "latin1");
  }

  /** The bytes as a one-byte string: ASCII stays itself, so ASCII patterns match as in the text. */
  text(): string {
    this.latin1 ??= this.bytes.toString("latin1");
    return this.latin1;
  }
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
 * `from waitress import serve as s` still names `waitress` and `serve`. A native substring
 * search rules most files out before any regex runs.
 */
export function mayHoldServerStart(raw: RawText, catalog: Catalog): boolean {
  if (!catalog.prefilter.substrings.some((needle) => raw.includes(needle))) return false;
  const text = raw.text();
  return catalog.prefilter.needle.test(text) && catalog.prefilter.receiver.test(text);
}
