import { DOT, EQUALS, HASH, isWhiteOrContinuation, LOWER_A, LOWER_S, OPEN_PAREN, SPACE } from "../ascii.js";
import { blankStringsAndComments } from "./code-blanker.js";
import { asciiBytes, type Anchor, type WordSet } from "./word-set.js";
import { decodeLatin1, type ByteDecoder } from "./latin1.js";


const NON_ASCII = /[^\x00-\x7f]/;

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

  /** Whether the bytes hold `ascii` (asked after `mayHoldServerStart`, which has made the text of a file it keeps). */
  includes(ascii: string): boolean {
    return this.text().includes(ascii);
  }

  /**
   * Whether one of `words` occurs as a whole word in call position, and `accept` accepts it. Call
   * position: followed (after white space, line breaks or backslashes) by `(`, by `as` (an import
   * alias) or by a comment, or passed as a thread's `target=`. A server start is a call of a
   * needle, or of an alias imported `as`; a needle in prose is neither. A non-ASCII byte counts as
   * part of a word: Python puts only ASCII next to a name it calls. `accept` is asked once per word
   * called (by its index), in the order they are found, and the search stops at the first it
   * accepts.
   */
  someCalledWord({ searches, words }: WordSet, accept: (word: number) => boolean): boolean {
    const bytes = this.bytes;
    const last = bytes.length - 1;
    let refused: Set<number> | undefined;
    // Each group's byte is found by a native search (no string is made). Most hits are another
    // word's letter, told apart at once by the bytes on either side; the rest are widened to the
    // word around them. (Reads stay inside the bytes: one read past them costs each thread a
    // recompilation.)
    for (const { byte, neighbours, anchors } of searches) {
      for (let at = bytes.indexOf(byte); at !== -1; at = bytes.indexOf(byte, at + 1)) {
        const before = at > 0 ? bytes[at - 1]! : SPACE;
        const after = at < last ? bytes[at + 1]! : SPACE;
        if (neighbours[(before << 8) | after] === 0) continue;
        const word = this.calledWordAround(at, anchors, words);
        if (word === -1 || refused?.has(word)) continue;
        if (accept(word)) return true;
        (refused ??= new Set()).add(word);
        if (refused.size === words.length) return false;
      }
    }
    return false;
  }

  /**
   * The index of the word of `words` around the anchor that holds the byte at `at`, if it is
   * called; else -1. (Plain loops, no callbacks: this runs tens of thousands of times in a big tree,
   * mostly before the compiler has got to it.)
   */
  private calledWordAround(at: number, anchors: readonly Anchor[], words: readonly Uint8Array[]): number {
    const bytes = this.bytes;
    for (let a = 0; a < anchors.length; a++) {
      const { bytes: anchor, pivot } = anchors[a]!;
      const start = at - pivot;
      if (start < 0 || !startsWithAt(bytes, anchor, start)) continue;
      let from = start;
      while (from > 0 && isWordByte(bytes[from - 1]!)) from--;
      for (let k = 0; k < words.length; k++) {
        const word = words[k]!;
        const end = from + word.length;
        if (startsWithAt(bytes, word, from) && !isWordByte(bytes[end] ?? SPACE) && (calledAfter(bytes, end) || passedAsTarget(bytes, from))) return k;
      }
    }
    return -1;
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
