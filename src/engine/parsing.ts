import type { Parser, Range, Tree } from "web-tree-sitter";
import { utf8Length } from "../line-index.js";

/** The parser failed (web-tree-sitter aborts when its WebAssembly memory runs out) on text from `line` on. */
export class ParseFailure extends Error {
  constructor(
    readonly line: number,
    readonly bytes: number,
  ) {
    super(`the parser failed on ${bytes} bytes from line ${line}`);
  }
}

/** A Python parser, as the host hands it in: already loaded, or loaded on first use. */
export type ParserSource = Parser | (() => Promise<Parser>);

/**
 * The tree of `text` (which starts at line `line` of its file), reading only `ranges` of it when
 * given, reusing `old` (edited to match `text`) when given; a ParseFailure if the parser fails.
 */
export function parseText(parser: Parser, text: string, options: { line?: number; ranges?: Range[]; old?: Tree } = {}): Tree {
  let tree: Tree | null;
  try {
    tree = parser.parse(text, options.old ?? null, options.ranges ? { includedRanges: options.ranges } : undefined);
  } catch {
    tree = null;
  }
  if (!tree) throw new ParseFailure(options.line ?? 1, utf8Length(text));
  return tree;
}
