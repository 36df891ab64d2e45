/**
 * The playground as a user meets it, in Debian's Chromium: typing a start into the editor, a
 * settings change, a syntax error, share links (compressed and plain) opened in a fresh page, the
 * page offline once loaded, a 5 MB paste, and nothing fetched from anywhere but the page's own
 * folder. The screenshot the README shows (docs/playground.png) is taken here.
 */
import { resolve } from "node:path";
import { inflateRawSync } from "node:zlib";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTree, runCli } from "./cli-utils.js";
import { CHROMIUM, fill, results, settled, startPlayground, type Playground } from "./playground-utils.js";

if (!CHROMIUM) console.warn("playground.test.ts: skipped: no chromium (.ci/run installs Debian's chromium)");

const FLASK = 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/")\ndef index():\n    return "héllo 世界"\n\n\n';
const START = 'app.run(host="127.0.0.1", debug=True)\n';
const DEFAULTS = "[tool.mainguard]\nunsafe-fixes = false\n";

/** The state a share link holds, read as the page writes it (`#z=`: deflated JSON, base64url). */
/** Clicks Share and reads the link, once made: it is compressed asynchronously (CompressionStream). */
async function shareLink(page: Page): Promise<string> {
  await page.click("#share");
  await page.waitForFunction(() => (document.querySelector("#share-link") as HTMLInputElement).value !== "");
  return page.inputValue("#share-link");
}

function linkState(link: string): { code: string; settings: string } {
  const z = /#z=([A-Za-z0-9_-]+)$/.exec(link);
  if (!z) throw new Error(`not a share link: ${link}`);
  return JSON.parse(inflateRawSync(Buffer.from(z[1]!, "base64url")).toString("utf8"));
}

/** What the CLI says about `code` as playground.py (with `pyproject` beside it): its dry-run patch, its JSON, its messages. */
function cliOn(code: string, pyproject?: string) {
  const root = makeTree({ "playground.py": code, ...(pyproject ? { "pyproject.toml": pyproject } : {}) });
  const dryRun = runCli(["--dry-run", "--no-git", "playground.py"], root);
  const json = runCli(["--format", "json", "--no-git", "playground.py"], root);
  const findings = (JSON.parse(json.stdout || "[]") as Array<{ code: string; message: string; location: { row: number; column: number } }>).map(
    (f) => `${f.location.row}:${f.location.column}: ${f.code} ${f.message}`,
  );
  return { patch: dryRun.stdout, findings, stderr: dryRun.stderr, root };
}

describe.skipIf(!CHROMIUM)("the playground in Chromium", () => {
  let playground: Playground;
  const outside: string[] = [];

  async function freshPage(hash = ""): Promise<Page> {
    const page = await playground.browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on("request", (request) => {
      if (!request.url().startsWith(playground.url) && !request.url().startsWith("data:")) outside.push(request.url());
    });
    await page.goto(playground.url + hash);
    await settled(page);
    return page;
  }

  beforeAll(async () => {
    playground = await startPlayground();
  }, 60_000);

  afterAll(async () => {
    await playground?.close();
  });

  it("shows the example's findings, diff and fixed module on load, and saves the README's screenshot", async () => {
    const page = await freshPage();
    await page.screenshot({ path: resolve(import.meta.dirname, "../docs/playground.png") });
    const shown = await results(page);
    const { code } = linkState(await shareLink(page));
    const expected = cliOn(code);
    expect(shown.findings).toEqual(expected.findings);
    expect(shown.findings.map((f) => f.split(" ")[1])).toEqual(["MG001", "MG101"]);
    expect(shown.diff).toBe(expected.patch);
    await page.close();
  });

  it("finds a start typed into the editor, with the CLI's diff and fixed bytes", async () => {
    const page = await freshPage();
    await fill(page, "code", FLASK);
    expect((await results(page)).findings).toEqual([]);
    await page.click("#code .cm-content");
    await page.keyboard.press("Control+End");
    await page.keyboard.type(START);
    await settled(page);
    const shown = await results(page);
    const expected = cliOn(FLASK + START);
    expect(shown.findings).toEqual(expected.findings);
    expect(shown.findings).toHaveLength(1);
    expect(shown.diff).toBe(expected.patch);
    expect(shown.output).toBe(`${FLASK}if __name__ == "__main__":\n    ${START}`);
    expect(await page.locator(".finding").first().textContent()).toContain("MG001");
    await page.close();
  });

  it("applies a settings change as pyproject.toml would, and names the key and line of a bad one", async () => {
    const page = await freshPage();
    const code = "import myproject\n\nmyproject.serve(port=8000)\n";
    await fill(page, "code", code);
    expect((await results(page)).findings).toEqual([]);
    const table = '[tool.mainguard]\nextra-server-calls = ["myproject.serve"]\n';
    await fill(page, "settings", table);
    const shown = await results(page);
    const expected = cliOn(code, table);
    expect(shown.findings).toEqual(expected.findings);
    expect(shown.findings).toHaveLength(1);
    expect(shown.diff).toBe(expected.patch);

    const bad = "[tool.mainguard]\nunsafe-fixes = \"yes\"\n";
    await fill(page, "settings", bad);
    const cli = cliOn(code, bad);
    // The CLI names the file by its absolute path; the page calls its table pyproject.toml.
    expect(cli.stderr).toContain(`${cli.root}/pyproject.toml:2: [tool.mainguard]: \`unsafe-fixes\` must be true or false`);
    expect((await results(page)).settingsStatus).toBe("pyproject.toml:2: [tool.mainguard]: `unsafe-fixes` must be true or false");
    const broken = "[tool.mainguard]\nunsafe-fixes = \n";
    await fill(page, "settings", broken);
    const message = /pyproject\.toml: (not valid TOML: .+)/.exec(cliOn(code, broken).stderr)![1];
    expect((await results(page)).settingsStatus).toBe(`pyproject.toml: ${message}`);
    await page.close();
  });

  it("gives a syntax error's line and Python's words, as the CLI's skip reason does, and changes nothing", async () => {
    const page = await freshPage();
    const code = "from flask import Flask\napp = Flask(__name__)\napp.run(debug=True\n";
    await fill(page, "code", code);
    const shown = await results(page);
    const cli = cliOn(code);
    const reason = /playground\.py: (skipped: .*)/.exec(cli.stderr)![1]!;
    expect(reason).toMatch(/^skipped: syntax error on line 3/);
    expect(shown.status).toBe(`0 findings; ${reason}`);
    expect(shown.output).toBe(code);
    expect(shown.diff).toBe("(no change)");
    await page.close();
  });

  it("reproduces a case from its share link in a fresh page, and reads the plain link form", async () => {
    const page = await freshPage();
    const code = `# 日本語\r\n${FLASK.replace(/\n/g, "\r\n")}${START.replace("\n", "\r\n")}`;
    const settings = "[tool.mainguard]\nunsafe-fixes = true\n";
    await fill(page, "code", code);
    await fill(page, "settings", settings);
    const before = await results(page);
    const link = await shareLink(page);
    expect(linkState(link)).toEqual({ code, settings });
    await page.close();

    const context = await playground.browser.newContext();
    const fresh = await context.newPage();
    await fresh.goto(link);
    await settled(fresh);
    expect(await results(fresh)).toEqual(before);
    expect(await fresh.inputValue("#settings")).toBe(settings);
    await context.close();

    const plain = `#code=${Buffer.from(code).toString("base64url")}&settings=${Buffer.from(settings).toString("base64url")}`;
    const byHand = await freshPage(plain);
    expect(await results(byHand)).toEqual(before);
    await byHand.close();

    const damaged = await freshPage(link.slice(link.indexOf("#"), -12));
    expect(await damaged.textContent("#notice")).toBe("this link's `z=` part is damaged (was it cut short?); showing the example instead");
    expect((await results(damaged)).findings.map((f) => f.split(" ")[1])).toEqual(["MG001", "MG101"]);
    await damaged.close();
  });

  it("keeps a CRLF module's line ends through typing, in the editor and in the fixed view", async () => {
    const page = await freshPage();
    const code = (FLASK + START).replace(/\n/g, "\r\n");
    await fill(page, "code", code);
    await page.click("#code .cm-content");
    await page.keyboard.press("Control+End");
    await page.keyboard.type("x = 1\n");
    await settled(page);
    const shown = await results(page);
    const expected = cliOn(`${code}x = 1\r\n`);
    expect(shown.findings).toEqual(expected.findings);
    expect(shown.diff).toBe(expected.patch);
    expect(shown.output).toBe(`${FLASK}if __name__ == "__main__":\n    ${START}x = 1\n`.replace(/\n/g, "\r\n"));
    expect(shown.fixedLines).toEqual(shown.output.split("\r\n"));
    await page.close();
  });

  it("keeps working offline once loaded", async () => {
    const context = await playground.browser.newContext();
    const page = await context.newPage();
    await page.goto(playground.url);
    await settled(page);
    await context.setOffline(true);
    await fill(page, "code", FLASK + START);
    expect((await results(page)).findings).toEqual(cliOn(FLASK + START).findings);
    await context.close();
  });

  it("takes a 5 MB paste, and a keystroke after it", async () => {
    const page = await freshPage();
    const route = (i: number) => `@app.route("/r${i}")\ndef handler_${i}():\n    return {"n": ${i}, "text": "${"x".repeat(40)}"}\n\n\n`;
    let big = FLASK;
    for (let i = 0; big.length < 5_000_000; i++) big += route(i);
    await fill(page, "code", big + START);
    let shown = await results(page);
    const lines = (big + START).split("\n").length - 1;
    expect(shown.findings).toEqual([`${lines}:1: MG001 \`app.run(...)\` starts the Flask development server whenever this module is imported; move it under \`if __name__ == "__main__":\``]);
    await page.click("#code .cm-content");
    await page.keyboard.press("Control+End");
    await page.keyboard.type("app.run()\n");
    await settled(page);
    shown = await results(page);
    expect(shown.findings.map((f) => f.split(":")[0])).toEqual([String(lines), String(lines + 1)]);
    expect(shown.output.endsWith(`if __name__ == "__main__":\n    ${START}    app.run()\n`)).toBe(true);
    await page.close();
  }, 120_000);

  it("fetched nothing but its own files", () => {
    expect(outside).toEqual([]);
  });
});
