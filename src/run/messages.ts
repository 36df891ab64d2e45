/** What the main thread and the worker threads say to each other (worker.ts, worker-pool.ts). */
import type { RunOptions } from "../engine/engine.js";
import type { FileResult } from "../file-result.js";
import type { Site } from "../types.js";

/** How every file of the run is checked; `reported` holds the lines a scanner named, by path (`--from-report`). */
export interface RunPlan extends Omit<RunOptions, "sites" | "transforms"> {
  reported?: Readonly<Record<string, readonly Site[]>>;
}

/** What every thread needs to build its engines and check files as the run asks. */
export interface WorkerSettings {
  /** --unsafe-fixes or --no-unsafe-fixes, over every file's settings. */
  unsafeFixes?: boolean;
  /** --config: the one pyproject.toml every file uses (else each file's nearest). */
  configPath?: string;
  run: RunPlan;
}

export interface WorkerData extends WorkerSettings {
  /** The shared counters of batches.ts. */
  claims: SharedArrayBuffer;
  /** Threads that check files, the main thread included. */
  threads: number;
  /** Files taken at once at most. */
  most: number;
}

/** The next paths, in the order the files are numbered (from 0, across batches). */
export interface WorkerRequest {
  paths: string[];
  /** For each path, the pyproject.toml whose `[tool.mainguard]` applies to it (null: none), as the main thread resolved it. */
  tables: Array<string | null>;
}

/** The results for files `from` … `from + count - 1`: only files with something to say travel back. */
export interface WorkerReply {
  from: number;
  count: number;
  results: Array<[offset: number, result: FileResult]>;
}

/** Consecutive files' results: those with something to say, and how many files the run covers. */
export interface ResultBatch {
  files: number;
  results: FileResult[];
}
