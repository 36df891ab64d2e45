/**
 * The playground in a real browser: Debian's chromium (installed by .ci/run) driven by
 * playwright-core, never a browser Playwright downloads. Without chromium the browser tests are
 * skipped, and say so.
 */
import { existsSync, mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
// @ts-expect-error: a script of the build, without types
import { buildPlayground } from "../scripts/build-playground.mjs";
// @ts-expect-error: a script of the build, without types
import { servePlayground } from "../scripts/playground.mjs";

export const CHROMIUM = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => path && existsSync(path));

export interface Playground {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds the page into a fresh folder, serves it on 127.0.0.1 and starts the browser. */
export async function startPlayground(): Promise<Playground> {
  const folder = mkdtempSync(join(tmpdir(), "mainguard-playground-"));
  await buildPlayground(folder);
  const server: Server = await servePlayground(folder, 0);
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  return {
    url: `http://127.0.0.1:${port}/`,
    browser,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Waits until the results shown are those of the page's current code and settings. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.state !== "busy", undefined, { timeout: 60_000 });
  const state = await page.evaluate(() => document.body.dataset.state);
  if (state !== "idle") throw new Error(`the playground failed: ${await page.textContent("#status")}`);
}

/**
 * Replaces a pane's text and waits for the results: the settings pane (a textarea) gets one input
 * event; the module's editor gets "select all" then a paste, as CodeMirror receives a real one.
 */
export async function fill(page: Page, pane: "code" | "settings", text: string): Promise<void> {
  if (pane === "settings") {
    await page.evaluate((value) => {
      const area = document.getElementById("settings") as HTMLTextAreaElement;
      area.value = value;
      area.dispatchEvent(new Event("input"));
    }, text);
  } else {
    await page.click("#code .cm-content");
    await page.keyboard.press("Control+a");
    await page.evaluate((value) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData("text/plain", value);
      document.querySelector("#code .cm-content")!.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
    }, text);
  }
  await settled(page);
}

/** Loads a state through the URL fragment's plain form, as a script or a bug report would. */
export async function openPlain(page: Page, code: string, settings: string): Promise<void> {
  const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64url");
  await page.evaluate((hash) => {
    document.body.dataset.state = "busy";
    location.hash = hash;
  }, `code=${b64(code)}&settings=${b64(settings)}`);
  await settled(page);
}

export interface PageResults {
  /** "line:column: CODE message", as the CLI's JSON gives them. */
  findings: string[];
  output: string;
  /** The lines the read-only "fixed module" view draws (all of them, for a short module). */
  fixedLines: string[];
  diff: string;
  status: string;
  settingsStatus: string;
}

export async function results(page: Page): Promise<PageResults> {
  return page.evaluate(() => ({
    findings: [...document.querySelectorAll<HTMLElement>(".finding")].map(
      (item) => `${item.dataset.line}:${item.dataset.column}: ${item.dataset.rule} ${item.querySelector(".message")!.textContent!.trim()}`,
    ),
    output: document.getElementById("output")!.textContent!,
    fixedLines: [...document.querySelectorAll("#fixed .cm-line")].map((line) => line.textContent!),
    diff: document.getElementById("diff")!.textContent!,
    status: document.getElementById("status")!.textContent!,
    settingsStatus: document.getElementById("settings-status")!.textContent!,
  }));
}
