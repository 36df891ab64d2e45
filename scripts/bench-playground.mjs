// The playground's rows of `npm run bench`, in headless Chromium (Debian's, driven by
// playwright-core): cold load to first result (a fresh browser context each time, so nothing is
// cached), a keystroke to updated results in a 2,000-line module, the main thread's time per
// keystroke in a 5 MB module, and the bytes the folder ships, gzipped.
// Runnable alone: node scripts/bench-playground.mjs
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { flaskModule } from "./bench-server.mjs";
import { buildPlayground, PLAYGROUND_OUT } from "./build-playground.mjs";
import { servePlayground } from "./playground.mjs";

const CHROMIUM = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => path && existsSync(path));
const LOADS = 5;
const KEYSTROKES = 100;

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))];

/** Resolves when the page shows the results of its current text. */
const settled = (page) => page.waitForFunction(() => document.body.dataset.state === "idle", undefined, { timeout: 120_000 });

async function paste(page, text) {
  await page.click("#code .cm-content");
  await page.keyboard.press("Control+a");
  await page.evaluate((value) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData("text/plain", value);
    document.querySelector("#code .cm-content").dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
  }, text);
  await settled(page);
}

/**
 * Measures, in the page, from each keydown: `results`, until the results of that text are shown
 * (the body's state back to idle); `frame`, until the next frame could be drawn (what typing feels).
 */
async function keystrokes(page, count, { waitForResults }) {
  await page.evaluate(() => {
    window.__keys = [];
    document.addEventListener(
      "keydown",
      () => {
        const key = { down: performance.now() };
        window.__keys.push(key);
        requestAnimationFrame(() => setTimeout(() => (key.frame = performance.now() - key.down), 0));
      },
      true,
    );
    new MutationObserver(() => {
      const last = window.__keys.at(-1);
      if (document.body.dataset.state === "idle" && last && last.results === undefined) last.results = performance.now() - last.down;
    }).observe(document.body, { attributes: true, attributeFilter: ["data-state"] });
  });
  for (let i = 0; i < count; i++) {
    await page.keyboard.type(i % 20 === 19 ? "\n" : "x");
    if (waitForResults) await settled(page);
    else await page.waitForFunction(() => window.__keys.at(-1)?.frame !== undefined);
  }
  if (!waitForResults) await settled(page);
  return page.evaluate(() => window.__keys);
}

export async function benchPlayground() {
  if (!CHROMIUM) return undefined;
  const { chromium } = await import("playwright-core");
  await buildPlayground();
  const server = await servePlayground(PLAYGROUND_OUT, 0);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  try {
    const loads = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      await settled(page);
      // From the start of navigation to the first results shown.
      loads.push(await page.evaluate(() => performance.now()));
      await context.close();
    }

    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(url);
    await settled(page);
    const module = flaskModule(2000);
    await paste(page, module);
    // Type into a docstring halfway down: each text stays valid Python with its start at the end,
    // so every result re-checks, re-fixes and re-verifies the whole module.
    const docstring = module.split("\n").findIndex((line, index) => index > 1000 && line.includes('"""Return'));
    await page.keyboard.press("Control+Home");
    for (let i = 0; i < docstring; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("End");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
    const typed = await keystrokes(page, KEYSTROKES, { waitForResults: true });
    const status = await page.textContent("#status");
    if (status !== "1 finding, 1 fixed") throw new Error(`typing in the docstring left the page at "${status}", not at the module's one fixed start`);
    const results = typed.map((key) => key.results);
    await page.close();

    const big = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await big.goto(url);
    await settled(big);
    let text = flaskModule(2000);
    while (text.length < 5e6) text += flaskModule(2000).slice(text.indexOf("\n@app.route"));
    await paste(big, text);
    await big.keyboard.press("Control+End");
    const bigTyped = await keystrokes(big, 40, { waitForResults: false });
    const frames = bigTyped.map((key) => key.frame);
    const took = await big.evaluate(() => document.getElementById("took").textContent);
    await big.close();

    const bytes = readdirSync(PLAYGROUND_OUT).map((file) => {
      const content = readFileSync(join(PLAYGROUND_OUT, file));
      return { file, raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
    });
    return { loads, results, frames, took, bytes };
  } finally {
    await browser.close();
    server.close();
  }
}

/** The bench's rows for the playground. */
export function playgroundRows(measured) {
  if (!measured) return [["playground: skipped (no chromium; `apt-get install chromium`)", "", "", ""]];
  const ms = (v) => `${v.toFixed(0)} ms`;
  const kb = (v) => `${(v / 1024).toFixed(0)} KB`;
  const { loads, results, frames, took, bytes } = measured;
  const gzip = bytes.reduce((sum, file) => sum + file.gzip, 0);
  const largest = [...bytes].sort((a, b) => b.gzip - a.gzip).map((file) => `${file.file} ${kb(file.gzip)}`);
  return [
    [`playground: cold load to first result (median of ${LOADS}, fresh context each)`, ms(percentile(loads, 50)), "", "≤ 1.0 s"],
    [`playground: keystroke to updated results, 2,000 lines (p50 / p95 of ${results.length})`, `${ms(percentile(results, 50))} / ${ms(percentile(results, 95))}`, "", "p95 ≤ 100 ms"],
    [`playground: keystroke to next frame in a 5 MB module (p50 / p95 of ${frames.length}; the engine's time for it: ${took})`, `${ms(percentile(frames, 50))} / ${ms(percentile(frames, 95))}`, "", "(typing never blocks)"],
    [`playground: bytes shipped, gzip -9 (${largest.join(", ")})`, `${kb(gzip)} (${kb(bytes.reduce((sum, file) => sum + file.raw, 0))} raw)`, "", "≤ 250 KB"],
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = playgroundRows(await benchPlayground());
  console.log("| measure | times | ratio | target |\n|---|---|---|---|");
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
}
