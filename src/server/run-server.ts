import { Worker } from "node:worker_threads";
import { threadModule } from "../node/thread-module.js";

/** The server's thread (dist/server.js, or server-thread.js beside this file in the tsc build). */
const THREAD = threadModule(import.meta.url, "server.js", "server-thread.js");

/**
 * A young generation this size at most: an editor's keystroke makes megabytes of short-lived
 * objects, and V8 would otherwise grow it to its maximum for throughput, which a server that
 * lives all day pays for in resident memory (see docs/performance.md).
 */
const YOUNG_GENERATION_MB = 8;

/**
 * Runs the language server until the client says `exit` (status 0 after `shutdown`, 1 without)
 * or goes away. The server runs in a thread of its own so that its heap can be bounded; nothing
 * but the protocol is written to stdout (the connection sends `console.log` to the client).
 */
export function runServer(): Promise<number> {
  const thread = new Worker(THREAD, { stdin: true, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  process.stdin.pipe(thread.stdin!);
  return new Promise((resolve) => thread.on("exit", resolve));
}
