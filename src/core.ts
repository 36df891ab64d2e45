/**
 * The core every host builds on (the CLI and its workers, the language server, the browser page):
 * no file, process or Node global is touched here. The host hands in a loaded Python parser (or a
 * function that loads one) and the settings; it gets analyses of texts back.
 */
import { createCatalog, type CatalogConfig } from "./catalog.js";
import { Engine } from "./engine/engine.js";
import type { Analysis } from "./engine/analysis.js";
import type { ParserSource } from "./engine/parsing.js";
import type { ProjectModules, RuleDoc, Transform } from "./types.js";
import { RULES, TRANSFORMS } from "../transforms/index.js";

export { Analysis, type TextChange } from "./engine/analysis.js";
export { changeBetween } from "./engine/text-change.js";
export { Engine, fixResult, toFinding } from "./engine/engine.js";
export type { ParserSource } from "./engine/parsing.js";
export { LineIndex, utf8Length, type Encoding, type Location, type Position } from "./line-index.js";
export { createCatalog, type Catalog, type CatalogConfig } from "./catalog.js";
export { configTable, ConfigError, type ConfigTable } from "./config/table.js";
export { RULES, TRANSFORMS } from "../transforms/index.js";
export type * from "./types.js";

export interface AnalyzerOptions extends CatalogConfig {
  /** The Python parser (web-tree-sitter with tree-sitter-python), or a function that loads it once. */
  parser: ParserSource;
  /** Whether `fixAll` applies unsafe fixes too (the `unsafe-fixes` setting). */
  unsafeFixes?: boolean;
  /** Defaults to every rule's transform. */
  transforms?: readonly Transform[];
  /** Which imported modules are the project's own; without it, a text is a file alone (as in the page). */
  projectModules?: ProjectModules;
}

/** Analyses texts with one set of settings: create it once, analyse each text (and dispose of each analysis). */
export interface Analyzer {
  analyze(source: string, path: string): Promise<Analysis>;
  readonly rules: readonly RuleDoc[];
}

export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const transforms = options.transforms ?? TRANSFORMS;
  const engine = Engine.create({
    transforms,
    parser: options.parser,
    projectModules: options.projectModules,
    unsafeFixes: options.unsafeFixes === true,
    catalog: createCatalog({ extraAppNames: options.extraAppNames, extraServerCalls: options.extraServerCalls }),
  });
  const codes = new Set(transforms.flatMap((transform) => transform.rules.map((rule) => rule.code)));
  return {
    // An editor updates its analyses, and may need the parser for a text that had no candidate.
    analyze: async (source, path) => {
      await engine.ready();
      return engine.analyze(source, path);
    },
    rules: RULES.filter((rule) => codes.has(rule.code)),
  };
}
