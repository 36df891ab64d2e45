/**
 * The Node host's Python parser: web-tree-sitter and the grammar's WASM read from disk, never
 * fetched. The core (src/engine/) takes any loaded parser; this file is how Node loads one.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import type { Parser } from "web-tree-sitter";

const require = createRequire(import.meta.url);

let loading: Promise<Parser> | undefined;

/** The Python parser, created on first use: a run that never parses never loads the WASM. */
export function nodePythonParser(): Promise<Parser> {
  loading ??= (async () => {
    // Imported here, not at the top: a run with no candidate file never loads the grammar's code.
    const { Language, Parser } = await import("web-tree-sitter");
    await Parser.init();
    const language = await Language.load(grammarPath());
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return loading;
}

/**
 * For a run that parses a few files: compile the grammar with V8's baseline compiler only. The
 * optimising tier would make parsing faster only after a while, and exiting has to wait for its
 * background compilation (about 50 ms of a one-file run). Must run before the first parse.
 */
export function preferFastStartup(): void {
  if (!loading) setFlagsFromString("--liftoff-only");
}

/** Whether the WASM grammar has been asked for (tests check that clean files never load it). */
export function parserRequested(): boolean {
  return loading !== undefined;
}

/**
 * The Python grammar's WASM: the copy the build puts in dist/ (the published package carries it),
 * else tree-sitter-python's own (a checkout before its first build).
 */
function grammarPath(): string {
  // dist/cli.js's chunk sits in dist/ or dist/chunks/; the tsc build of this file in dist/src/node/.
  for (const candidate of ["./tree-sitter-python.wasm", "../tree-sitter-python.wasm", "../../tree-sitter-python.wasm"]) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  return require.resolve("tree-sitter-python/tree-sitter-python.wasm");
}
