import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { TRANSFORMS } from "../transforms/index.js";
import { createCatalog } from "./catalog.js";
import { Engine } from "./engine.js";
import { preferFastStartup } from "./parser.js";
import { processFile, type FileResult } from "./process-file.js";
import type { WorkerReply, WorkerSettings } from "./worker.js";

export interface RunnerSettings extends WorkerSettings {
  /** Worker threads; 1 runs in this thread. */
  jobs: number;
}

/** Below this many files per worker, starting workers costs more than it saves. */
const FILES_PER_WORKER = 8;

export function defaultJobs(): number {
  return availableParallelism();
}

/**
 * Processes `files` and yields their results in the order given, whatever order the workers
 * finish in. `onDone` is called as each file completes (for the progress bar).
 */
export async function* processFiles(files: readonly string[], settings: RunnerSettings, onDone?: () => void): AsyncGenerator<FileResult> {
  const jobs = Math.min(settings.jobs, Math.floor(files.length / FILES_PER_WORKER));
  if (jobs <= 1) {
    preferFastStartup();
    const engine = Engine.create({ transforms: TRANSFORMS, unsafeFixes: settings.unsafeFixes, catalog: createCatalog(settings.catalog) });
    for (const path of files) {
      const result = await processFile(engine, path, settings.run);
      onDone?.();
      yield result;
    }
    return;
  }
  yield* inWorkers(files, settings, jobs, onDone);
}

async function* inWorkers(files: readonly string[], settings: RunnerSettings, jobs: number, onDone?: () => void): AsyncGenerator<FileResult> {
  const results = new Map<number, FileResult>();
  let next = 0;
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  const workerData: WorkerSettings = { unsafeFixes: settings.unsafeFixes, catalog: settings.catalog, run: settings.run };
  const workers = Array.from({ length: jobs }, () => new Worker(new URL("./worker.js", import.meta.url), { workerData }));
  const feed = (worker: Worker) => {
    if (next < files.length) worker.postMessage({ index: next, path: files[next++]! });
  };
  for (const worker of workers) {
    worker.on("message", ({ index, result }: WorkerReply) => {
      results.set(index, result);
      onDone?.();
      feed(worker);
      wake?.();
    });
    worker.on("error", (error) => {
      failure = error;
      wake?.();
    });
    // Two files in flight per worker keeps it busy while the main thread handles a reply.
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
