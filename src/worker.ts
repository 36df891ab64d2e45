/** A worker thread: loads the grammar once, then checks (and fixes) the files it is sent. */
import { parentPort, workerData } from "node:worker_threads";
import { TRANSFORMS } from "../transforms/index.js";
import { createCatalog, type CatalogConfig } from "./catalog.js";
import { Engine, type RunOptions } from "./engine.js";
import { processFile, type FileResult } from "./process-file.js";

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

export interface WorkerReply {
  first: number;
  results: FileResult[];
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
  const results: FileResult[] = [];
  for (const path of paths) results.push(await processOne(path));
  parentPort!.postMessage({ first, results } satisfies WorkerReply);
});
