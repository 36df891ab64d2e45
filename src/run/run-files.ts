import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { SettingsResolver } from "../config/settings.js";
import { availableParallelism } from "node:os";
import { enginesFor } from "./batches.js";
import { preferFastStartup } from "../node/python-parser.js";
import { isClean } from "../file-result.js";
import { checkFile } from "./process-file.js";
import type { ResultBatch, WorkerSettings } from "./messages.js";
import { WorkerPool } from "./worker-pool.js";

export interface RunnerSettings extends WorkerSettings {
  /** Threads that check files, this one included; 1 runs in this thread alone. */
  jobs: number;
  /** The pyproject.toml whose table applies to a file, as discovery resolved it (see `tablesOf`). */
  tableOf?: (path: string) => string | undefined;
}

/** Which table applies to each file, from the resolver discovery used: one lookup per folder. */
export function tablesOf(resolver: SettingsResolver, cwd: string): (path: string) => string | undefined {
  const byFolder = new Map<string, string | undefined>();
  return (path) => {
    const folder = dirname(path);
    if (!byFolder.has(folder)) byFolder.set(folder, resolver.tableFor(resolve(cwd, folder)));
    return byFolder.get(folder);
  };
}

/** Below this many files per worker, starting workers costs more than it saves. */
const FILES_PER_WORKER = 8;
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

/** The threads worth starting for `files` files, at most `jobs`: 1 means this thread alone. */
export function threadsFor(files: number, jobs: number): number {
  return Math.max(1, Math.min(jobs, Math.floor(files / FILES_PER_WORKER)));
}

/**
 * Processes `files` and yields their results in the order given, whatever order the workers
 * finish in, as runs of consecutive files; a clean file (most are) is only counted. `onDone` is
 * called as each file completes (for the progress bar). A `pool` started before discovery may
 * already hold some of the files.
 */
export async function* processFiles(files: readonly string[], settings: RunnerSettings, onDone?: () => void, pool?: WorkerPool): AsyncGenerator<ResultBatch> {
  const jobs = pool?.size ?? threadsFor(files.length, settings.jobs);
  if (jobs <= 1) {
    if (smallerThan(files, FAST_STARTUP_BYTES)) preferFastStartup();
    const engineOf = enginesFor(settings, settings.tableOf);
    for (const path of files) {
      const result = await checkFile(engineOf(path), path, settings.run);
      onDone?.();
      yield { files: 1, results: isClean(result) ? [] : [result] };
    }
    return;
  }
  yield* (pool ?? startWorkers(settings, jobs)).results(files, onDone);
}

/**
 * Worker threads, started now: a caller that expects a large run starts them before discovery,
 * so that they load while the tree is read, and hands them files as it finds them.
 */
export function startWorkers(settings: RunnerSettings, jobs = settings.jobs): WorkerPool {
  const tableOf = settings.tableOf ?? tablesOf(new SettingsResolver(settings.configPath), process.cwd());
  return WorkerPool.start({ unsafeFixes: settings.unsafeFixes, configPath: settings.configPath, run: settings.run }, jobs, tableOf);
}
