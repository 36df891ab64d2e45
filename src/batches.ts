import { TRANSFORMS } from "../transforms/index.js";
import { createCatalog } from "./catalog.js";
import { Engine, type RunOptions } from "./engine.js";
import { checkFile, isClean, type FileResult } from "./process-file.js";
import type { WorkerSettings } from "./worker.js";

/** The engine a thread checks files with: every transform, with the run's settings. */
export function engineFor(settings: WorkerSettings): Engine {
  return Engine.create({ transforms: TRANSFORMS, unsafeFixes: settings.unsafeFixes, catalog: createCatalog(settings.catalog) });
}

/**
 * Takes the next batch through the counter every thread shares, if `has(batch)`: whichever thread
 * is free takes it, with no round trip through another thread.
 */
export function claimBatch(claims: Int32Array, has: (batch: number) => boolean): number | undefined {
  for (;;) {
    const next = Atomics.load(claims, 0);
    if (!has(next)) return undefined;
    if (Atomics.compareExchange(claims, 0, next, next + 1) === next) return next;
  }
}

/** Checks a batch of files; only files with something to say are returned, by their offset. */
export async function checkBatch(engine: Engine, paths: readonly string[], options: RunOptions): Promise<Array<[offset: number, result: FileResult]>> {
  const results: Array<[number, FileResult]> = [];
  for (const [offset, path] of paths.entries()) {
    const result = await checkFile(engine, path, options);
    if (!isClean(result)) results.push([offset, result]);
  }
  return results;
}
