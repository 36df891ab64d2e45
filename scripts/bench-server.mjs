// The language server's row of `npm run bench`: how long a keystroke takes to come back as
// diagnostics (didChange to the publishDiagnostics of that version) in a 7,500-line and a
// 20,000-line module, with incremental re-parsing and with the whole text sent (a full re-parse);
// the server's RSS growth over 600 edits; and how soon `initialize` is answered.
// Runnable alone: node scripts/bench-server.mjs
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver-protocol/node.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "dist/cli.js");
const EDITS = 600;

/** A Flask module of about `lines` lines whose last line starts the server (so every publication carries a diagnostic and its fix). */
export function flaskModule(lines) {
  const head = "import os\n\nfrom flask import Flask, jsonify, request\n\napp = Flask(__name__)\n\n";
  let text = head;
  for (let r = 0; text.split("\n").length < lines - 2; r++) {
    text += `\n@app.route("/items/${r}/<int:item_id>", methods=["GET", "POST"])\ndef item_${r}(item_id):\n    """Return item ${r}."""\n    if request.method == "POST":\n        payload = request.get_json(force=True) or {}\n        return jsonify(id=item_id, saved=sorted(payload))\n    values = [item_id * k for k in range(${(r % 7) + 3})]\n    return jsonify(id=item_id, values=values)\n\n`;
  }
  return `${text}app.run(host="127.0.0.1", port=5000)\n`;
}

async function startServer() {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, "server"], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  connection.onNotification("textDocument/publishDiagnostics", ({ version }) => {
    waiting.get(version)?.();
    waiting.delete(version);
  });
  connection.listen();
  await connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
  const initialize = performance.now() - started;
  await connection.sendNotification("initialized", {});
  const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))[1]) / 1024;
  const stop = async () => {
    await connection.sendRequest("shutdown");
    await connection.sendNotification("exit");
    connection.dispose();
  };
  return { connection, published, rss, stop, initialize };
}

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))];

/**
 * Types `EDITS` characters into a function in the middle of the module, one didChange each, and
 * waits for each version's diagnostics. `whole`: each change sends the whole text (no range), so
 * the server parses from scratch.
 */
async function typing(lines, whole) {
  const server = await startServer();
  const uri = `file://${ROOT}/bench_${lines}.py`;
  let text = flaskModule(lines);
  const opened = server.published(1);
  await server.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "python", version: 1, text } });
  await opened;
  const rssBefore = server.rss();
  // Typing a statement into the body of a function halfway down: `    total = item_id + 1` and a new line, over and over.
  const line = text.split("\n").findIndex((l, i) => i > lines / 2 && l.startsWith("    values = "));
  const typed = "    total = item_id + 1\n";
  const latencies = [];
  /** RSS every 10 edits: a leak is a trend, V8's heap a sawtooth around a level. */
  const samples = [];
  // Where the next character goes: `column` runs through `typed`, whose last character starts the next row.
  let column = 0;
  let row = line;
  for (let version = 2; version < EDITS + 2; version++) {
    const char = typed[column];
    const change = { range: { start: { line: row, character: column }, end: { line: row, character: column } }, text: char };
    const rows = text.split("\n");
    rows[row] = rows[row].slice(0, column) + char + rows[row].slice(column);
    text = rows.join("\n");
    column++;
    if (char === "\n") {
      row++;
      column = 0;
    }
    const done = server.published(version);
    const start = performance.now();
    await server.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [whole ? { text } : change] });
    await done;
    latencies.push(performance.now() - start);
    if (version % 10 === 0) samples.push(server.rss());
  }
  const rssAfter = server.rss();
  await server.stop();
  const half = samples.length >> 1;
  const level = (part) => percentile(part, 50);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    growth: rssAfter - rssBefore,
    rssBefore,
    rssAfter,
    // The second half's median RSS against the first half's.
    trend: level(samples.slice(half)) - level(samples.slice(0, half)),
    band: [Math.min(...samples.slice(half)), Math.max(...samples.slice(half))],
  };
}

export async function initializeTime(runs = 9) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const server = await startServer();
    times.push(server.initialize);
    await server.stop();
  }
  return percentile(times, 50);
}

export async function benchServer() {
  const initialize = await initializeTime();
  const results = {};
  for (const lines of [7500, 20000]) {
    results[lines] = { incremental: await typing(lines, false), full: await typing(lines, true) };
  }
  return { initialize, results };
}

/** The bench's rows for the server. */
export function serverRows({ initialize, results }) {
  const ms = (v) => `${v.toFixed(0)} ms`;
  const rows = [];
  for (const [lines, { incremental, full }] of Object.entries(results)) {
    rows.push([
      `server: keystroke to diagnostics, ${Number(lines).toLocaleString("en")} lines (p50 / p95; full re-parse p50 / p95)`,
      `${ms(incremental.p50)} / ${ms(incremental.p95)}; ${ms(full.p50)} / ${ms(full.p95)}`,
      (full.p95 / incremental.p95).toFixed(2),
      lines === "7500" ? "p95 ≤ 60 ms" : "(reference)",
    ]);
  }
  const memory = results[7500].incremental;
  rows.push([
    `server: RSS growth over ${EDITS} edits, 7,500 lines (after open → after the last edit; second half's median − first half's; band over the second half)`,
    `${memory.rssBefore.toFixed(0)} → ${memory.rssAfter.toFixed(0)} MB (+${memory.growth.toFixed(0)}); trend ${memory.trend >= 0 ? "+" : ""}${memory.trend.toFixed(0)} MB; ${memory.band.map((v) => v.toFixed(0)).join("–")} MB`,
    "",
    "growth ≤ 40 MB",
  ]);
  rows.push(["server: `initialize` answered after start", ms(initialize), "", "≤ 300 ms"]);
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = serverRows(await benchServer());
  console.log("| measure | times | ratio | target |\n|---|---|---|---|");
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
}
