/**
 * A worker thread: loads the grammar once, then checks (and fixes) files. Every batch of paths is
 * sent to every worker; a worker takes files a few at a time through a counter all threads share
 * (the main thread joins in once it has walked the tree; see worker-pool.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { checkClaimed, enginesFor } from "./batches.js";
import type { WorkerData, WorkerReply, WorkerRequest } from "./messages.js";

const settings = workerData as WorkerData;
const claims = new Int32Array(settings.claims);
const tables = new Map<string, string | null>();
const engineOf = enginesFor(settings, (path) => tables.get(path) ?? undefined);
const paths: string[] = [];
let running = false;

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  await checkClaimed(engineOf, claims, paths, { threads: settings.threads, most: settings.most, options: settings.run }, (from, count, results) =>
    parentPort!.postMessage({ from, count, results } satisfies WorkerReply),
  );
  running = false;
}

parentPort!.on("message", (request: WorkerRequest) => {
  for (const [i, path] of request.paths.entries()) {
    paths.push(path);
    tables.set(path, request.tables[i]!);
  }
  void drain();
});
