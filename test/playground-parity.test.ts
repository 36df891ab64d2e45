/**
 * Every fixture through the playground page in Chromium, safe and unsafe: the findings it shows
 * and the fixed module in #output must be the CLI's (`--format json`, then `--write`'s bytes).
 * Each fixture comes in through the link's plain form (`#code=…&settings=…`), byte for byte, and
 * the read-only view of the fixed module shows the same lines.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliOnFixtures, FIXTURE_INPUTS } from "./cli-parity.js";
import { FIXTURES } from "./fixture-utils.js";
import { CHROMIUM, openPlain, results, settled, startPlayground, type Playground } from "./playground-utils.js";

if (!CHROMIUM) console.warn("playground-parity.test.ts: skipped: no chromium (.ci/run installs Debian's chromium)");

describe.skipIf(!CHROMIUM)("the playground page gives the CLI's results on every fixture", () => {
  let playground: Playground;
  let page: Page;

  beforeAll(async () => {
    playground = await startPlayground();
    page = await playground.browser.newPage();
    await page.goto(playground.url);
    await settled(page);
  }, 60_000);

  afterAll(async () => {
    await playground?.close();
  });

  for (const unsafe of [false, true]) {
    it(`${unsafe ? "unsafe" : "safe"} fixes`, async () => {
      const expected = cliOnFixtures(unsafe);
      const settings = `[tool.mainguard]\nunsafe-fixes = ${unsafe}\n`;
      let fixed = 0;
      for (const input of FIXTURE_INPUTS) {
        const path = relative(FIXTURES, input);
        const source = readFileSync(input, "utf8");
        await openPlain(page, source, settings);
        const shown = await results(page);
        expect(shown.findings, path).toEqual(expected.findings.get(path) ?? []);
        expect(Buffer.from(shown.output, "utf8").equals(expected.outputs.get(path)!), `${path}: the page's fixed module differs from --write's`).toBe(true);
        // The view shows the same text, line by line (CR LF is its line break when the file uses only that).
        const lineBreak = /\r\n/.test(shown.output) && !/\r(?!\n)|(?<!\r)\n/.test(shown.output) ? "\r\n" : "\n";
        expect(shown.fixedLines, path).toEqual(shown.output.split(lineBreak));
        if (shown.output !== source) fixed++;
      }
      // The comparison must have had fixes to compare.
      expect(fixed).toBeGreaterThan(90);
    }, 300_000);
  }
});
