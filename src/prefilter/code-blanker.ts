import { SPACE } from "../ascii.js";
import { decodeLatin1, type ByteDecoder } from "./latin1.js";

/**
 * Python source with its string literals' contents and comments turned into spaces, so that the
 * prefilter's patterns see code only. Each step is a regex search for where the next comment,
 * string or string end is: V8 compiles those to machine code on first use, where a JavaScript
 * loop over every byte would run in the interpreter for the first files each thread reads.
 */

/** Where the next comment or string starts. */
const OPENING = /[#'"]/g;
/** Where a comment ends. */
const LINE_BREAK = /[\r\n]/g;
/** What can end each kind of string body: a backslash (it escapes the next character), the
 * closing quotes, and for a one-line string a line break (Python would reject it; it ends there). */
const BODY_END: Record<string, RegExp> = {
  "'": /[\\'\r\n]/g,
  '"': /[\\"\r\n]/g,
  "'''": /\\|'''/g,
  '"""': /\\|"""/g,
};

/** The first match of `pattern` (a global regex) at or after `from`. */
function search(pattern: RegExp, text: string, from: number): RegExpExecArray | null {
  pattern.lastIndex = from;
  return pattern.exec(text);
}

/**
 * `text` (a file's `bytes`, one character per byte) with Python's comments and string
 * literals' contents turned into spaces. A comment runs from `#` to the line break; a string from
 * its quote (any prefix before it is code) to the matching quote, single or triple, a backslash
 * escaping the character after it; a one-line string left open ends at the line break, a triple-
 * quoted one at the end. Quotes and line breaks stay, so every offset and line is the file's.
 */
export function blankStringsAndComments(text: string, bytes: Uint8Array = Uint8Array.from(text, (c) => c.charCodeAt(0)), decode: ByteDecoder = decodeLatin1): string {
  // A copy of the bytes, filled natively and decoded once: far cheaper than joining pieces of text.
  let blanked: Uint8Array | undefined;
  /** Blanks [from, to) but its line breaks. */
  const blank = (from: number, to: number) => {
    // A copy (a Buffer's `slice` would be a view of the file's bytes).
    blanked ??= new Uint8Array(bytes);
    for (let lineBreak = search(LINE_BREAK, text, from); lineBreak && lineBreak.index < to; lineBreak = search(LINE_BREAK, text, from)) {
      blanked.fill(SPACE, from, lineBreak.index);
      from = lineBreak.index + 1;
    }
    blanked.fill(SPACE, from, to);
  };
  let at = 0;
  for (let opening = search(OPENING, text, at); opening; opening = search(OPENING, text, at)) {
    const start = opening.index;
    const quote = opening[0];
    if (quote === "#") {
      at = search(LINE_BREAK, text, start)?.index ?? text.length;
      blank(start, at);
      continue;
    }
    const delimiter = text.startsWith(quote + quote, start + 1) ? quote.repeat(3) : quote;
    const bodyEnd = BODY_END[delimiter]!;
    let end = start + delimiter.length;
    let closed = false;
    for (;;) {
      const found = search(bodyEnd, text, end);
      if (!found) {
        end = text.length;
        break;
      }
      if (found[0] === "\\") {
        end = Math.min(found.index + 2, text.length);
        continue;
      }
      end = found.index;
      closed = found[0] === delimiter;
      break;
    }
    blank(start + delimiter.length, end);
    at = closed ? end + delimiter.length : end;
  }
  return blanked ? decode(blanked) : text;
}
