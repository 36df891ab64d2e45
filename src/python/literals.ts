/** Where Python's tokenizer ends a string literal and a comment: shared by the passes that read the text before any tree. */
import { BACKSLASH, CR, isLineBreak, LF } from "../ascii.js";

/** Where the string literal opening at `start` ends (just past its closing quote, or where it breaks off). */
export function stringEnd(source: string, start: number): number {
  const quote = source.charCodeAt(start);
  const triple = source.charCodeAt(start + 1) === quote && source.charCodeAt(start + 2) === quote;
  if (!triple && source.charCodeAt(start + 1) === quote) return start + 2; // "" or ''
  let i = start + (triple ? 3 : 1);
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === BACKSLASH) {
      i += source.charCodeAt(i + 1) === CR && source.charCodeAt(i + 2) === LF ? 3 : 2;
      continue;
    }
    if (!triple && isLineBreak(c)) return i; // unterminated: the tokenizer's error, the grammar's too
    if (c === quote && (!triple || (source.charCodeAt(i + 1) === quote && source.charCodeAt(i + 2) === quote))) return i + (triple ? 3 : 1);
    i++;
  }
  return i;
}

/** Where the line holding `offset` ends (its line break, or the end of the text). */
export function lineEnd(source: string, offset: number): number {
  const lf = source.indexOf("\n", offset);
  const end = lf === -1 ? source.length : lf;
  // CR LF ends at its CR. A lone CR never reaches here: such files are skipped first. (Looking
  // back for a CR from the line's end would read the whole text before it, once per comment.)
  return end > offset && source.charCodeAt(end - 1) === CR ? end - 1 : end;
}
