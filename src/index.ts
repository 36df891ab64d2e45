import { TRANSFORMS } from "../transforms/index.js";
import { Engine } from "./engine/engine.js";
import { nodePythonParser } from "./node/python-parser.js";
import type { Finding, FixResult, Transform } from "./types.js";

export type { Applicability, Edit, Finding, FixResult, Position, RuleDoc, SkipReason, Transform } from "./types.js";

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
  const engine = Engine.create({ transforms: options.transforms ?? TRANSFORMS, parser: nodePythonParser, unsafeFixes: options.unsafeFixes });
  return {
    check: async (source, path = "<string>") => (await engine.run(source, path)).findings,
    fix: (source, path = "<string>") => engine.run(source, path, { fix: true }),
  };
}
