/**
 * Whether a file's statements are plain enough, as Python's tokenizer sees them, that the grammar
 * cannot disagree with Python about them, so the walk over every statement of its tree
 * (statement-walk.ts, a tenth of the time parsing takes) finds nothing and can be skipped:
 * - every logical line ends where a statement can end, so tree-sitter cannot have run it on into
 *   the next (it does so only where a line break is of no use to it: after `=`, an operator, a
 *   keyword that needs more, a `:` that opens no compound statement, a `,`);
 * - every `return`, `break`, `continue` and `nonlocal` begins its line and stands where Python's
 *   compiler takes it (a function; a loop's body), and every `try` is followed, at its own column,
 *   by an `except` or `finally`.
 * Anything else, and the walk decides. Strings may make a word look misplaced; that only costs a
 * walk.
 */
import type { LogicalLines } from "./indentation.js";

const FIRST_WORD = /(?:async[ \t\f]+)?([A-Za-z_]\w*)/y;
const WATCHED = /\b(?:return|break|continue|nonlocal|try)\b/g;
/** Last characters after which a statement may go on. */
const GOES_ON = new Set("=+-*/%&|^<>~@.!,:");
const NEEDS_MORE = new Set(["and", "or", "not", "in", "is", "if", "else", "elif", "lambda", "await", "from", "import", "as", "del", "assert", "with", "for", "while", "except", "class", "def", "global", "nonlocal", "async", "print", "exec"]);
const OPENS_BLOCKS = new Set(["if", "elif", "else", "for", "while", "try", "except", "finally", "with", "def", "class", "match", "case"]);
const SCOPES = new Set(["def", "class"]);
const LOOPS = new Set(["for", "while"]);
const LOOP_BOUNDS = new Set([...LOOPS, ...SCOPES, "else"]);
const isWordCharacter = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;

export function statementsArePlain(source: string, logical: LogicalLines): boolean {
  // A watched word anywhere but first on its line (`if x: return`, `a; break`) is left to the walk.
  const starts = new Set(logical.starts);
  for (const match of source.matchAll(WATCHED)) {
    if (!starts.has(match.index)) return false;
  }
  /** The first word of each enclosing block's opener, innermost last ("" for the module). */
  const openers: string[] = [""];
  const columns = [0];
  /** Columns of `try` statements whose `except` or `finally` is still to come. */
  const tries: number[] = [];
  let previous = "";
  for (let i = 0; i < logical.starts.length; i++) {
    const start = logical.starts[i]!;
    const column = logical.columns[i]!;
    FIRST_WORD.lastIndex = start;
    const word = FIRST_WORD.exec(source)?.[1] ?? "";
    if (column > columns[columns.length - 1]!) {
      columns.push(column);
      openers.push(previous);
    } else {
      while (column < columns[columns.length - 1]!) {
        columns.pop();
        openers.pop();
      }
    }
    // A `try` whose block ended without a handler at its column.
    if (tries.length > 0 && tries[tries.length - 1]! > column) return false;
    if (tries.length > 0 && tries[tries.length - 1] === column) {
      if (word !== "except" && word !== "finally") return false;
      tries.pop();
    }
    if (word === "try") tries.push(column);
    if (!standsWhereAllowed(word, openers) || !endsPlainly(source, start, logical.ends[i]!, word)) return false;
    previous = word;
  }
  return tries.length === 0;
}

/** The innermost of `openers` that is one of `kinds`. */
function innermost(openers: readonly string[], kinds: ReadonlySet<string>): string | undefined {
  for (let i = openers.length - 1; i >= 0; i--) if (kinds.has(openers[i]!)) return openers[i];
  return undefined;
}

function standsWhereAllowed(word: string, openers: readonly string[]): boolean {
  switch (word) {
    case "return":
      return innermost(openers, SCOPES) === "def";
    case "nonlocal":
      return openers.includes("def");
    case "break":
    case "continue":
      // A loop's body, with no function or class (or an `else`, which may be a loop's) in between.
      return LOOPS.has(innermost(openers, LOOP_BOUNDS) ?? "");
    default:
      return true;
  }
}

/** Whether the logical line [start, end), whose first word is `first`, ends where a statement can. */
function endsPlainly(source: string, start: number, end: number, first: string): boolean {
  const last = source[end - 1] ?? "";
  if (last === ":") return OPENS_BLOCKS.has(first);
  if (GOES_ON.has(last)) return false;
  let wordStart = end;
  while (wordStart > start && isWordCharacter(source.charCodeAt(wordStart - 1))) wordStart--;
  return wordStart === end || !NEEDS_MORE.has(source.slice(wordStart, end));
}
