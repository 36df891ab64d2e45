/**
 * The library for Node: the core (src/core.ts) with the Python parser Node loads from disk.
 * `createAnalyzer` is the core's own API (analyses with diagnostics, fixes as data, updates);
 * `createMainguard` is the older, simpler one (findings, and a fixed text).
 */
import { TRANSFORMS } from "../transforms/index.js";
import { createAnalyzer as createCoreAnalyzer, type Analyzer, type AnalyzerOptions } from "./core.js";
import { Engine } from "./engine/engine.js";
import { nodePythonParser } from "./node/python-parser.js";
import { projectModulesOnDisk } from "./node/project-modules.js";
import type { Finding, FixResult, Transform } from "./types.js";

export type { Analysis, Analyzer, AnalyzerOptions, TextChange } from "./core.js";
export { LineIndex, RULES } from "./core.js";
export type * from "./types.js";

/**
 * An analyzer (see src/core.ts) whose parser, unless given, is the one Node loads from the package,
 * and whose project modules are looked for on disk beside each path (asked again each time: an
 * editor's tree changes while it stays open).
 */
export function createAnalyzer(options: Partial<AnalyzerOptions> = {}): Analyzer {
  return createCoreAnalyzer({
    ...options,
    parser: options.parser ?? nodePythonParser,
    projectModules: options.projectModules ?? projectModulesOnDisk({ remember: false }),
  });
}

export interface MainguardOptions {
  /** Also apply unsafe fixes. */
  unsafeFixes?: boolean;
  /** Defaults to every transform in transforms/. */
  transforms?: readonly Transform[];
}

export interface Mainguard {
  /** The findings in `source`; `path` names the file in messages. */
  check(source: string, path?: string): Promise<Finding[]>;
  /** The fixed text, verified by re-parsing; the input itself when nothing could be applied. */
  fix(source: string, path?: string): Promise<FixResult>;
}

export async function createMainguard(options: MainguardOptions = {}): Promise<Mainguard> {
  const engine = Engine.create({
    transforms: options.transforms ?? TRANSFORMS,
    parser: nodePythonParser,
    projectModules: projectModulesOnDisk(),
    unsafeFixes: options.unsafeFixes,
  });
  return {
    check: async (source, path = "<string>") => (await engine.run(source, path)).findings,
    fix: (source, path = "<string>") => engine.run(source, path, { fix: true }),
  };
}
