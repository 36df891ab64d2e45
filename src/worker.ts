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

export interface WorkerRequest {
  index: number;
  path: string;
}

export interface WorkerReply {
  index: number;
  result: FileResult;
}

const settings = workerData as WorkerSettings;
const engine = Engine.create({ transforms: TRANSFORMS, unsafeFixes: settings.unsafeFixes, catalog: createCatalog(settings.catalog) });

parentPort!.on("message", async ({ index, path }: WorkerRequest) => {
  let result: FileResult;
  try {
    result = await processFile(engine, path, settings.run);
  } catch (error) {
    result = { path, findings: [], fixable: 0, suppressed: 0, problem: { message: `internal error: ${(error as Error).stack ?? error}`, fatal: true } };
  }
  parentPort!.postMessage({ index, result } satisfies WorkerReply);
});
