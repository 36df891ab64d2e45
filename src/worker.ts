/**
 * A worker thread: loads the grammar once, then checks (and fixes) batches of files. Every batch
 * is sent to every worker; a worker takes the next one through a counter all threads share (the
 * main thread joins in once it has walked the tree; see worker-pool.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { CatalogConfig } from "./catalog.js";
import type { RunOptions } from "./engine.js";
import { checkBatch, claimBatch, engineFor } from "./batches.js";
import type { FileResult } from "./process-file.js";

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
const engine = engineFor(settings);
const received = new Map<number, string[]>();
let running = false;

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  const has = (batch: number) => received.has(batch);
  for (let batch = claimBatch(claims, has); batch !== undefined; batch = claimBatch(claims, has)) {
    const results = await checkBatch(engine, received.get(batch)!, settings.run);
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
