/** A worker thread: loads the grammar once, then checks (and fixes) the files it is sent. */
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

/** A batch of files: one message each way per batch keeps messaging off the profile. */
export interface WorkerRequest {
  first: number;
  paths: string[];
}

/** Only files with something to say travel back; the others are clean by omission. */
export interface WorkerReply {
  first: number;
  count: number;
  results: Array<[offset: number, result: FileResult]>;
}

const settings = workerData as WorkerSettings;
const engine = Engine.create({ transforms: TRANSFORMS, unsafeFixes: settings.unsafeFixes, catalog: createCatalog(settings.catalog) });

async function processOne(path: string): Promise<FileResult> {
  try {
    return await processFile(engine, path, settings.run);
  } catch (error) {
    return { path, findings: [], fixable: 0, suppressed: 0, problem: { message: `internal error: ${(error as Error).stack ?? error}`, fatal: true } };
  }
}

parentPort!.on("message", async ({ first, paths }: WorkerRequest) => {
  const results: WorkerReply["results"] = [];
  for (const [offset, path] of paths.entries()) {
    const result = await processOne(path);
    if (!isClean(result)) results.push([offset, result]);
  }
  parentPort!.postMessage({ first, count: paths.length, results } satisfies WorkerReply);
});
