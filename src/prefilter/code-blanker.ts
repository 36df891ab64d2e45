import { SPACE } from "../ascii.js";
import { decodeLatin1, type ByteDecoder } from "./latin1.js";

/**
 * Python source with its string literals' contents and comments turned into spaces, so that the
 * prefilter's patterns see code only. One regex finds every comment and string in one native
 * pass (V8 compiles it to machine code, where a JavaScript loop over every byte would run in the
 * interpreter for the first files each thread reads), and their bodies are filled in a copy of
 * the bytes.
 */

/**
 * A comment, or a string literal from its opening quotes: its body (captured: group 1 for `'''`,
 * 2 for `"""`, 3 for `'`, 4 for `"`), where a backslash escapes the character after it, then its
 * closing quotes when it has them. A one-line string left open ends at the line break, a
 * triple-quoted one at the end of the text.
 */
const TOKEN = new RegExp(
  [
    "#[^\\r\\n]*",
    "'''((?:[^\\\\']|\\\\[\\s\\S]?|'(?!''))*)(?:''')?",
    '"""((?:[^\\\\"]|\\\\[\\s\\S]?|"(?!""))*)(?:""")?',
    "'((?:[^\\\\'\\r\\n]|\\\\[\\s\\S]?)*)'?",
    '"((?:[^\\\\"\\r\\n]|\\\\[\\s\\S]?)*)"?',
  ].join("|"),
  "g",
);
/** Where a blanked range has a line break to keep. */
const LINE_BREAK = /[\r\n]/g;

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
    if (from >= to) return;
    // A copy (a Buffer's `slice` would be a view of the file's bytes).
    blanked ??= new Uint8Array(bytes);
    LINE_BREAK.lastIndex = from;
    for (let lineBreak = LINE_BREAK.exec(text); lineBreak && lineBreak.index < to; lineBreak = LINE_BREAK.exec(text)) {
      blanked.fill(SPACE, from, lineBreak.index);
      from = lineBreak.index + 1;
    }
    blanked.fill(SPACE, from, to);
  };
  TOKEN.lastIndex = 0;
  for (let token = TOKEN.exec(text); token; token = TOKEN.exec(text)) {
    const start = token.index;
    if (text[start] === "#") {
      blank(start, start + token[0].length);
      continue;
    }
    const opening = token[1] !== undefined || token[2] !== undefined ? 3 : 1;
    const body = token[1] ?? token[2] ?? token[3] ?? token[4] ?? "";
    blank(start + opening, start + opening + body.length);
  }
  return blanked ? decode(blanked) : text;
}
