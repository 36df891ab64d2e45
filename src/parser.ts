import { createRequire } from "node:module";
import { Language, Parser, type Tree } from "web-tree-sitter";

const require = createRequire(import.meta.url);

let loading: Promise<Parser> | undefined;

/** The Python parser, created on first use: a run that never parses never loads the WASM. */
export function pythonParser(): Promise<Parser> {
  loading ??= (async () => {
    await Parser.init();
    const language = await Language.load(require.resolve("tree-sitter-python/tree-sitter-python.wasm"));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return loading;
}

/** Whether the WASM grammar has been asked for (tests check that clean files never load it). */
export function parserRequested(): boolean {
  return loading !== undefined;
}

export function parse(parser: Parser, source: string): Tree {
  const tree = parser.parse(source);
  if (!tree) throw new Error("tree-sitter returned no tree");
  return tree;
}
