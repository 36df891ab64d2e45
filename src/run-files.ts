import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { TRANSFORMS } from "../transforms/index.js";
import { createCatalog } from "./catalog.js";
import { Engine } from "./engine.js";
import { preferFastStartup } from "./parser.js";
import { cleanResult, processFile, type FileResult } from "./process-file.js";
import type { WorkerReply, WorkerRequest, WorkerSettings } from "./worker.js";

export interface RunnerSettings extends WorkerSettings {
  /** Worker threads; 1 runs in this thread. */
  jobs: number;
}

/** Below this many files per worker, starting workers costs more than it saves. */
const FILES_PER_WORKER = 8;
const MAX_BATCH = 128;
/** Up to this much source, compiling the grammar fast beats compiling it to run fast. */
const FAST_STARTUP_BYTES = 1 << 20;

function smallerThan(files: readonly string[], limit: number): boolean {
  let total = 0;
  for (const file of files) {
    try {
      total += statSync(file).size;
    } catch {
      // unreadable: reported when it is read
    }
    if (total >= limit) return false;
  }
  return true;
}

export function defaultJobs(): number {
  return availableParallelism();
}

/**
 * Processes `files` and yields their results in the order given, whatever order the workers
 * finish in. `onDone` is called as each file completes (for the progress bar).
 */
export async function* processFiles(files: readonly string[], settings: RunnerSettings, onDone?: () => void, pool?: Worker[]): AsyncGenerator<FileResult> {
  const jobs = pool?.length ?? Math.min(settings.jobs, Math.floor(files.length / FILES_PER_WORKER));
  if (jobs <= 1) {
    if (smallerThan(files, FAST_STARTUP_BYTES)) preferFastStartup();
    const engine = Engine.create({ transforms: TRANSFORMS, unsafeFixes: settings.unsafeFixes, catalog: createCatalog(settings.catalog) });
    for (const path of files) {
      const result = await processFile(engine, path, settings.run);
      onDone?.();
      yield result;
    }
    return;
  }
  yield* inWorkers(files, pool ?? startWorkers(settings, jobs), onDone);
}

/**
 * Worker threads, started now: a caller that expects a large run starts them before discovery,
 * so that they load while the tree is read.
 */
export function startWorkers(settings: RunnerSettings, jobs = settings.jobs): Worker[] {
  const workerData: WorkerSettings = { unsafeFixes: settings.unsafeFixes, catalog: settings.catalog, run: settings.run };
  return Array.from({ length: jobs }, () => new Worker(new URL("./worker.js", import.meta.url), { workerData }));
}

async function* inWorkers(files: readonly string[], workers: Worker[], onDone?: () => void): AsyncGenerator<FileResult> {
  const jobs = workers.length;
  const results = new Map<number, FileResult>();
  let next = 0;
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  // Small batches at the end keep both workers busy until the last file.
  const batchSize = Math.max(1, Math.min(MAX_BATCH, Math.ceil(files.length / (jobs * 16))));
  const feed = (worker: Worker) => {
    if (next >= files.length) return;
    const request: WorkerRequest = { first: next, paths: files.slice(next, next + batchSize) };
    next += request.paths.length;
    worker.postMessage(request);
  };
  for (const worker of workers) {
    worker.on("message", ({ first, count, results: reported }: WorkerReply) => {
      const byOffset = new Map(reported);
      for (let offset = 0; offset < count; offset++) {
        results.set(first + offset, byOffset.get(offset) ?? cleanResult(files[first + offset]!));
        onDone?.();
      }
      feed(worker);
      wake?.();
    });
    worker.on("error", (error) => {
      failure = error;
      wake?.();
    });
    // Two batches in flight per worker keep it busy while the main thread handles a reply.
    feed(worker);
    feed(worker);
  }
  try {
    for (let index = 0; index < files.length; index++) {
      while (!results.has(index)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const result = results.get(index)!;
      results.delete(index);
      yield result;
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
