import { dirname, resolve } from "node:path";
import { TRANSFORMS } from "../../transforms/index.js";
import { SettingsResolver, type Settings } from "../config/settings.js";
import { createCatalog } from "../catalog.js";
import { Engine, type RunOptions } from "../engine/engine.js";
import { nodePythonParser } from "../node/python-parser.js";
import { projectModulesOnDisk } from "../node/project-modules.js";
import { isClean, type FileResult } from "../file-result.js";
import { checkFile } from "./process-file.js";
import type { WorkerSettings } from "./messages.js";

/**
 * The engine a thread checks each file with: every transform, with the settings of the file's
 * pyproject.toml (see SettingsResolver) and the run's flags; one engine per settings.
 */
export function enginesFor(settings: WorkerSettings, tableOf?: (path: string) => string | undefined): (path: string) => Engine {
  const resolver = new SettingsResolver(settings.configPath);
  const engines = new Map<Settings, Engine>();
  const projectModules = projectModulesOnDisk();
  // Files come folder by folder: a folder's engine is looked up once, not once per file.
  const byFolder = new Map<string, Engine>();
  return (path) => {
    const folder = dirname(path);
    let engine = byFolder.get(folder);
    if (engine) return engine;
    // The thread that found the file may already know its table: then no folder is looked at again.
    const found = tableOf ? resolver.forTable(tableOf(path)) : resolver.forFolder(resolve(folder));
    engine = engines.get(found);
    if (!engine) {
      engine = Engine.create({
        transforms: TRANSFORMS,
        parser: nodePythonParser,
        projectModules,
        unsafeFixes: settings.unsafeFixes ?? found.unsafeFixes,
        catalog: createCatalog(found.catalog),
      });
      engines.set(found, engine);
    }
    byFolder.set(folder, engine);
    return engine;
  };
}

/** The two counters every thread shares (an Int32Array over a SharedArrayBuffer). */
const CLAIMS_BYTES = 8;
/** The index (in the order files were sent) of the next file no thread has taken yet. */
const NEXT = 0;
/** How many files the run has, once the tree is walked; -1 until then. */
const TOTAL = 1;

export function newClaims(): Int32Array {
  const claims = new Int32Array(new SharedArrayBuffer(CLAIMS_BYTES));
  claims[TOTAL] = -1;
  return claims;
}

/** Says that no more files will come: from now on, claims shrink towards the end of the run. */
export function closeClaims(claims: Int32Array, total: number): void {
  Atomics.store(claims, TOTAL, total);
}

/**
 * Takes the next files through the counter every thread shares, among the first `available`
 * sent: whichever thread is free takes them, with no round trip through another thread. Up to
 * `most` at a time; once the total is known, a share of what is left (guided self-scheduling),
 * so that near the end no thread sits idle while another checks a long run of slow files.
 */
export function claimFiles(claims: Int32Array, available: number, threads: number, most: number): { from: number; count: number } | undefined {
  for (;;) {
    const from = Atomics.load(claims, NEXT);
    if (from >= available) return undefined;
    const total = Atomics.load(claims, TOTAL);
    const size = total < 0 ? most : Math.max(1, Math.min(most, Math.ceil((total - from) / (2 * threads))));
    const count = Math.min(size, available - from);
    if (Atomics.compareExchange(claims, NEXT, from, from + count) === from) return { from, count };
  }
}

/**
 * Takes files from `sent` (which grows as paths arrive) through the shared counter and checks
 * them, handing each claim's results to `done`, until none is left or `stopped()`. Yields between
 * claims, so that paths sent and replies received meanwhile arrive.
 */
export async function checkClaimed(
  engineOf: (path: string) => Engine,
  claims: Int32Array,
  sent: readonly string[],
  share: { threads: number; most: number; options: RunOptions },
  done: (from: number, count: number, results: Array<[offset: number, result: FileResult]>) => void,
  stopped: () => boolean = () => false,
): Promise<void> {
  for (;;) {
    const claim = stopped() ? undefined : claimFiles(claims, sent.length, share.threads, share.most);
    if (!claim) return;
    const { from, count } = claim;
    done(from, count, await checkBatch(engineOf, sent.slice(from, from + count), share.options));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Checks files in turn; only those with something to say are returned, by their offset. */
export async function checkBatch(engineOf: (path: string) => Engine, paths: readonly string[], options: RunOptions): Promise<Array<[offset: number, result: FileResult]>> {
  const results: Array<[number, FileResult]> = [];
  for (const [offset, path] of paths.entries()) {
    const result = await checkFile(engineOf(path), path, options);
    if (!isClean(result)) results.push([offset, result]);
  }
  return results;
}
