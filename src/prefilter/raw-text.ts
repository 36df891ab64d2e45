import { DOT, EQUALS, HASH, isWhiteOrContinuation, LOWER_A, LOWER_S, OPEN_PAREN, SPACE } from "../ascii.js";
import { blankStringsAndComments } from "./code-blanker.js";
import { asciiBytes, type Anchor, type WordSet } from "./word-set.js";
import { decodeLatin1, type ByteDecoder } from "./latin1.js";


const NON_ASCII = /[^\x00-\x7f]/;
const NONE: ReadonlySet<number> = new Set();

/**
 * A file's raw bytes, searched for ASCII words before anything is decoded or parsed. Every
 * question it answers is a necessary condition: a "no" means no finding is possible.
 */
export class RawText {
  private latin1: string | undefined;
  private code: string | undefined;
  private readonly answers = new Map<string, boolean>();

  /** `decode`: how the host turns bytes into one character per byte (Node's Buffer does it natively, at a third of the cost). */
  constructor(
    readonly bytes: Uint8Array,
    private readonly decode: ByteDecoder = decodeLatin1,
  ) {}

  static of(text: string): RawText {
    const raw = new RawText(new TextEncoder().encode(text));
    // ASCII is its own Latin-1 reading: an editor's long document is not decoded again per keystroke.
    if (!NON_ASCII.test(text)) raw.latin1 = text;
    return raw;
  }

  /** Whether the bytes hold `ascii` (asked after `hasCalledWord`, when the text is made already). */
  includes(ascii: string): boolean {
    return this.text().includes(ascii);
  }

  /**
   * Whether one of `words` occurs as a whole word in call position: followed (after white space,
   * line breaks or backslashes) by `(`, by `as` (an import alias) or by a comment, or passed as a
   * thread's `target=`. A server start is a call of a needle, or of an alias imported `as`; a
   * needle in prose is neither. A non-ASCII byte counts as part of a word: Python puts only ASCII
   * next to a name it calls.
   */
  hasCalledWord(set: WordSet): boolean {
    return this.calledWords(set, true).size > 0;
  }

  /** Which of `words` (their indexes) occur in call position (see `hasCalledWord`); with `first`, at most one. */
  calledWords({ searches, words }: WordSet, first = false): ReadonlySet<number> {
    const bytes = this.bytes;
    let called: Set<number> | undefined;
    // Each group's byte is found by a native search (no string is made); a hit whose neighbour
    // is an anchor's is widened to the word around it.
    for (const { byte, before, after } of searches) {
      for (let at = bytes.indexOf(byte); at !== -1; at = bytes.indexOf(byte, at + 1)) {
        // (Reads stay inside the bytes: one read past them costs each thread a recompilation.)
        const near = at > 0 ? before[bytes[at - 1]!] : undefined;
        const far = at + 1 < bytes.length ? after[bytes[at + 1]!] : undefined;
        if (near === undefined && far === undefined) continue;
        for (const anchors of [near, far]) {
          for (const anchor of anchors ?? []) {
            if (!endsAt(bytes, anchor, at)) continue;
            const word = this.calledWordAt(at - anchor.pivot, anchor.bytes, words);
            if (word === -1) continue;
            (called ??= new Set()).add(word);
            if (first || called.size === words.length) return called;
          }
        }
      }
    }
    return called ?? NONE;
  }

  /** The index of the word of `words` that the word around `start` is, if `anchor` is there and it is called; else -1. */
  private calledWordAt(start: number, anchor: Uint8Array, words: readonly Uint8Array[]): number {
    const bytes = this.bytes;
    if (start < 0 || !startsWithAt(bytes, anchor, start)) return -1;
    let from = start;
    while (from > 0 && isWordByte(bytes[from - 1]!)) from--;
    return words.findIndex((word) => startsWithAt(bytes, word, from) && !isWordByte(bytes[from + word.length] ?? SPACE) && (calledAfter(bytes, from + word.length) || passedAsTarget(bytes, from)));
  }

  /** The bytes as a string of one character per byte: ASCII stays itself, so ASCII patterns match as in the text. */
  text(): string {
    this.latin1 ??= this.decode(this.bytes);
    return this.latin1;
  }

  /** The text with string literals' contents and comments blanked out (line breaks kept). */
  codeOnly(): string {
    this.code ??= blankStringsAndComments(this.text(), this.bytes, this.decode);
    return this.code;
  }

  /** An answer computed once per file, however many transforms ask. */
  remember(question: string, answer: () => boolean): boolean {
    let known = this.answers.get(question);
    if (known === undefined) this.answers.set(question, (known = answer()));
    return known;
  }
}

/** Whether the anchor found by its byte at `at` has its first and last bytes there: most hits of a
 * common pair (`au` in "default", for "launch") fail here, before the anchor is compared whole. */
function endsAt(bytes: Uint8Array, { bytes: anchor, pivot }: Anchor, at: number): boolean {
  const start = at - pivot;
  const last = anchor.length - 1;
  return start >= 0 && start + last < bytes.length && bytes[start] === anchor[0] && bytes[start + last] === anchor[last];
}

function startsWithAt(bytes: Uint8Array, word: Uint8Array, at: number): boolean {
  if (at + word.length > bytes.length) return false;
  for (let k = 0; k < word.length; k++) if (bytes[at + k] !== word[k]) return false;
  return true;
}

/** Whether the code after a name at `at` calls it, aliases it (`as`) or is hidden by a comment. */
function calledAfter(bytes: Uint8Array, at: number): boolean {
  let i = at;
  while (i < bytes.length && isWhiteOrContinuation(bytes[i]!)) i++;
  const next = bytes[i];
  if (next === OPEN_PAREN || next === HASH) return true;
  return next === LOWER_A && bytes[i + 1] === LOWER_S && !isWordByte(bytes[i + 2] ?? SPACE);
}

const TARGET = asciiBytes("target");

/**
 * Whether the name at `at` (after its receivers: `app.run`) is the value of a `target=` keyword,
 * as in `Thread(target=app.run)`: the thread calls it.
 */
function passedAsTarget(bytes: Uint8Array, at: number): boolean {
  let i = at;
  while (bytes[i - 1] === DOT) {
    i--;
    while (i > 0 && isWordByte(bytes[i - 1]!)) i--;
  }
  while (i > 0 && isWhiteOrContinuation(bytes[i - 1]!)) i--;
  if (bytes[i - 1] !== EQUALS) return false;
  i--;
  while (i > 0 && isWhiteOrContinuation(bytes[i - 1]!)) i--;
  return i >= TARGET.length && startsWithAt(bytes, TARGET, i - TARGET.length) && !isWordByte(bytes[i - TARGET.length - 1] ?? SPACE);
}

/** An ASCII letter, digit or underscore, or any non-ASCII byte. */
function isWordByte(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f || byte >= 0x80;
}
