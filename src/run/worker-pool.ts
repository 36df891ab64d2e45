import { Worker } from "node:worker_threads";
import { checkClaimed, closeClaims, enginesFor, newClaims } from "./batches.js";
import { threadModule } from "../node/thread-module.js";
import type { FileResult } from "../file-result.js";
import type { ResultBatch, WorkerData, WorkerReply, WorkerRequest, WorkerSettings } from "./messages.js";

/** The worker's module (dist/worker.js, or worker.js beside this file in the tsc build). */
const WORKER = threadModule(import.meta.url, "worker.js", "worker.js");

/** Files per batch sent, and taken at once at most: large enough that messages stay off the
 * profile (claims shrink near the end; see claimFiles). */
const BATCH = 48;
/** Results handed on at once at most: the caller checks for Ctrl-C between them. */
const YIELD_EVERY = 256;

/**
 * Threads that check files as they are found: the main thread hands over each file while it walks
 * the tree, and the workers take files as they free up (see worker.ts). Once the walk is done,
 * the main thread takes files too, so `jobs` threads check files with one worker fewer to start
 * (each costs start-up time and warms up its own compiled code). Results come back in whatever
 * order the threads finish; `results` yields them in the order the caller asks.
 */
export class WorkerPool {
  private readonly workers: Worker[];
  /** Every file sent, numbered in the order sent. */
  private readonly sent: string[] = [];
  private pending: string[] = [];
  private readonly submitted = new Set<string>();
  /** Checked files, each with its result, or undefined when it is clean (most are). */
  private readonly finished = new Map<string, FileResult | undefined>();
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private onDone: (() => void) | undefined;
  private readonly claims: Int32Array;
  private stopped = false;

  private constructor(
    private readonly settings: WorkerSettings,
    jobs: number,
    /** The table each file's settings come from, as this thread resolved them for discovery. */
    private readonly tableOf: (path: string) => string | undefined,
  ) {
    this.claims = newClaims();
    const workerData: WorkerData = { ...settings, claims: this.claims.buffer as SharedArrayBuffer, threads: jobs, most: BATCH };
    this.workers = Array.from({ length: jobs - 1 }, () => new Worker(WORKER, { workerData }));
    for (const worker of this.workers) {
      worker.on("message", (reply: WorkerReply) => this.receive(reply));
      worker.on("error", (error) => {
        this.failure = error;
        this.wake?.();
      });
    }
  }

  /** Starts the workers now (`jobs` threads, this one included): they load while the tree is read. */
  static start(settings: WorkerSettings, jobs: number, tableOf: (path: string) => string | undefined): WorkerPool {
    return new WorkerPool(settings, jobs, tableOf);
  }

  /** Threads that check files, this one included. */
  get size(): number {
    return this.workers.length + 1;
  }

  /** Queues a file; full batches go out at once. */
  add(path: string): void {
    if (this.submitted.has(path)) return;
    this.submitted.add(path);
    this.pending.push(path);
    if (this.pending.length >= BATCH) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const request: WorkerRequest = { paths: this.pending, tables: this.pending.map((path) => this.tableOf(path) ?? null) };
    for (const path of this.pending) this.sent.push(path);
    this.pending = [];
    for (const worker of this.workers) worker.postMessage(request);
  }

  private receive({ from, count, results }: WorkerReply): void {
    this.record(from, count, results);
    this.wake?.();
  }

  private record(from: number, count: number, results: WorkerReply["results"]): void {
    const byOffset = new Map(results);
    for (let offset = 0; offset < count; offset++) {
      this.finished.set(this.sent[from + offset]!, byOffset.get(offset));
      this.onDone?.();
    }
  }

  /** Takes files in this thread until none is left. */
  private async help(): Promise<void> {
    const share = { threads: this.size, most: BATCH, options: this.settings.run };
    await checkClaimed(enginesFor(this.settings, this.tableOf), this.claims, this.sent, share, (from, count, results) => {
      this.record(from, count, results);
      this.wake?.();
    }, () => this.stopped);
  }

  /**
   * The results for `files` in that order (files not yet added are added now), as runs of
   * consecutive files: a run is handed on when the next file is not checked yet, and clean files
   * are only counted. Then the workers stop.
   */
  async *results(files: readonly string[], onDone?: () => void): AsyncGenerator<ResultBatch> {
    this.onDone = onDone;
    for (const file of files) this.add(file);
    this.flush();
    closeClaims(this.claims, this.sent.length);
    for (let n = this.finished.size; n > 0; n--) onDone?.();
    this.help().catch((error: Error) => {
      this.failure = error;
      this.wake?.();
    });
    try {
      let run: ResultBatch = { files: 0, results: [] };
      for (const path of files) {
        while (!this.finished.has(path)) {
          if (run.files > 0) {
            yield run;
            run = { files: 0, results: [] };
            // The caller may have taken a while: look again before waiting.
            continue;
          }
          if (this.failure) throw this.failure;
          await new Promise<void>((resolve) => (this.wake = resolve));
        }
        const result = this.finished.get(path);
        this.finished.delete(path);
        run.files++;
        if (result) run.results.push(result);
        if (run.files === YIELD_EVERY) {
          yield run;
          run = { files: 0, results: [] };
        }
      }
      if (run.files > 0) yield run;
    } finally {
      this.stopped = true;
      await Promise.all(this.workers.map((worker) => worker.terminate()));
    }
  }
}
