import { BACKSLASH, CR, FORM_FEED, HASH, LF, LOWER_A, LOWER_S, OPEN_PAREN, SPACE, TAB } from "../ascii.js";
import { blankStringsAndComments } from "./code-blanker.js";
import type { WordSet } from "./word-set.js";

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
  hasCalledWord({ anchors, words }: WordSet): boolean {
    const bytes = this.bytes;
    // Each anchor is found by a native search (no string is made), and each hit is widened to
    // the word around it.
    for (const anchor of anchors) {
      for (let at = bytes.indexOf(anchor); at !== -1; at = bytes.indexOf(anchor, at + 1)) {
        let start = at;
        while (start > 0 && isWordByte(bytes[start - 1]!)) start--;
        const called = (word: Buffer) => startsWithAt(bytes, word, start) && !isWordByte(bytes[start + word.length] ?? SPACE) && calledAfter(bytes, start + word.length);
        if (words.some(called)) return true;
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
    this.code ??= blankStringsAndComments(this.text());
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

/** An ASCII letter, digit or underscore, or any non-ASCII byte. */
function isWordByte(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f || byte >= 0x80;
}
