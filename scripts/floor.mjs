// The floor `npm run bench` sets beside mainguard's scan: the least a scanner built on Node and
// web-tree-sitter has to do on this tree, and nothing more. The main thread walks the tree and
// hands out paths in batches of 48; one worker per core reads every .py file and parses (then
// frees) each that holds the bytes `app.run(`. No encoding checks, no prefilter stages, no rules,
// no output. Usage: node scripts/floor.mjs DIR (prints how many files it parsed).
import { availableParallelism } from "node:os";
import { closeSync, openSync, readdirSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { isMainThread, parentPort, Worker } from "node:worker_threads";

const BATCH = 48;

if (isMainThread) {
  const root = process.argv[2] ?? ".";
  const workers = Array.from({ length: availableParallelism() }, () => new Worker(new URL(import.meta.url)));
  const parsed = workers.map((worker) => new Promise((resolve) => worker.on("message", resolve)));
  let batch = [];
  let next = 0;
  const send = () => {
    workers[next++ % workers.length].postMessage(batch);
    batch = [];
  };
  const walk = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".py")) {
        batch.push(path);
        if (batch.length === BATCH) send();
      }
    }
  };
  walk(root);
  send();
  for (const worker of workers) worker.postMessage(null);
  const counts = await Promise.all(parsed);
  console.log(counts.reduce((a, b) => a + b, 0));
  process.exit(0);
} else {
  const buffer = Buffer.allocUnsafe(1 << 24);
  const queue = [];
  let parser;
  let parsed = 0;
  let running = false;
  const load = async () => {
    const { Language, Parser } = await import("web-tree-sitter");
    await Parser.init();
    const language = await Language.load(createRequire(import.meta.url).resolve("tree-sitter-python/tree-sitter-python.wasm"));
    const created = new Parser();
    created.setLanguage(language);
    return created;
  };
  const read = (path) => {
    const fd = openSync(path, "r");
    let filled = 0;
    for (let n; (n = readSync(fd, buffer, filled, buffer.length - filled)) > 0; ) filled += n;
    closeSync(fd);
    return buffer.subarray(0, filled);
  };
  // Batches arrive while a parse awaits the grammar: take them in order, one loop at a time.
  const drain = async () => {
    if (running) return;
    running = true;
    while (queue.length > 0) {
      const paths = queue.shift();
      if (paths === null) {
        parentPort.postMessage(parsed);
        continue;
      }
      for (const path of paths) {
        const bytes = read(path);
        if (bytes.indexOf("app.run(") === -1) continue;
        parser ??= await load();
        parser.parse(bytes.toString("utf8")).delete();
        parsed++;
      }
    }
    running = false;
  };
  parentPort.on("message", (paths) => {
    queue.push(paths);
    void drain();
  });
}
