/**
 * A worker thread: loads the grammar once, then checks (and fixes) batches of files. Every batch
 * is sent to every worker; a worker takes the next one through a counter all workers share, so
 * whichever worker is free takes it, with no round trip through the main thread (which may be
 * busy walking the tree).
 */
import { parentPort, workerData } from "node:worker_threads";
import { TRANSFORMS } from "../transforms/index.js";
import { createCatalog, type CatalogConfig } from "./catalog.js";
import { Engine, type RunOptions } from "./engine.js";
import { isClean, processFile, type FileResult } from "./process-file.js";

export interface WorkerSettings {
  unsafeFixes: boolean;
  catalog: CatalogConfig;
  run: RunOptions;
}

export interface WorkerData extends WorkerSettings {
  /** One Int32: the number of the next batch to take. */
  claims: SharedArrayBuffer;
}

/** A batch of files; batches are numbered from 0, in the order sent. */
export interface WorkerRequest {
  batch: number;
  paths: string[];
}

/** Only files with something to say travel back; the others are clean by omission. */
export interface WorkerReply {
  batch: number;
  results: Array<[offset: number, result: FileResult]>;
}

const settings = workerData as WorkerData;
const claims = new Int32Array(settings.claims);
const engine = Engine.create({ transforms: TRANSFORMS, unsafeFixes: settings.unsafeFixes, catalog: createCatalog(settings.catalog) });
const received = new Map<number, string[]>();
let running = false;

async function processOne(path: string): Promise<FileResult> {
  try {
    return await processFile(engine, path, settings.run);
  } catch (error) {
    return { path, findings: [], fixable: 0, suppressed: 0, problem: { message: `internal error: ${(error as Error).stack ?? error}`, fatal: true } };
  }
}

/** The next batch no worker has taken, if this worker has received it. */
function claim(): number | undefined {
  for (;;) {
    const next = Atomics.load(claims, 0);
    if (!received.has(next)) return undefined;
    if (Atomics.compareExchange(claims, 0, next, next + 1) === next) return next;
  }
}

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  for (let batch = claim(); batch !== undefined; batch = claim()) {
    const paths = received.get(batch)!;
    const results: WorkerReply["results"] = [];
    for (const [offset, path] of paths.entries()) {
      const result = await processOne(path);
      if (!isClean(result)) results.push([offset, result]);
    }
    parentPort!.postMessage({ batch, results } satisfies WorkerReply);
    // Let batches sent meanwhile arrive before looking for the next one.
    await new Promise((resolve) => setImmediate(resolve));
  }
  // Batches taken by others are no longer needed.
  for (const batch of received.keys()) if (batch < Atomics.load(claims, 0)) received.delete(batch);
  running = false;
}

parentPort!.on("message", (request: WorkerRequest) => {
  received.set(request.batch, request.paths);
  void drain();
});
