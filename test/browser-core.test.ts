/**
 * The core as a browser gets it: bundled by esbuild for `platform: "browser"` and run in a fresh
 * V8 context that has the web's TextEncoder and TextDecoder but no Node global (no Buffer, process
 * or require). Over every fixture it must give the CLI's findings and the CLI's fixed bytes.
 */
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { createContext, runInContext } from "node:vm";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import type * as Core from "../src/core.js";
import { nodePythonParser } from "../src/node/python-parser.js";
import { cliOnFixtures, FIXTURE_INPUTS } from "./cli-parity.js";
import { FIXTURES } from "./fixture-utils.js";

const ROOT = resolve(import.meta.dirname, "..");
const inputs = FIXTURE_INPUTS;

let core: typeof Core;
let bundled: string[];

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [join(ROOT, "src/core.ts")],
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "mainguardCore",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  bundled = Object.keys(bundle.metafile.inputs);
  const context = createContext({ TextEncoder, TextDecoder });
  runInContext(bundle.outputFiles[0]!.text, context);
  expect(runInContext("[typeof Buffer, typeof process, typeof require, typeof global]", context)).toEqual(["undefined", "undefined", "undefined", "undefined"]);
  core = context.mainguardCore as typeof Core;
});

describe("the core bundled for a browser", () => {
  it("holds the core and the packages it edits text with, nothing else (a node: import would not even bundle)", () => {
    const places = new Set(bundled.map((input) => /^(src|transforms)\//.test(input) ? input.split("/")[0] : /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1]));
    expect([...places].sort()).toEqual(["@jridgewell/sourcemap-codec", "magic-string", "src", "transforms"]);
    expect(bundled).not.toContain("src/node/python-parser.ts");
  });

  for (const unsafe of [false, true]) {
    it(`gives the CLI's findings and fixed bytes on every fixture (${unsafe ? "unsafe" : "safe"} fixes)`, async () => {
      const expected = cliOnFixtures(unsafe);
      const analyzer = core.createAnalyzer({ parser: await nodePythonParser(), unsafeFixes: unsafe });
      let fixed = 0;
      for (const input of inputs) {
        const path = relative(FIXTURES, input);
        const source = readFileSync(input, "utf8");
        const analysis = await analyzer.analyze(source, path);
        try {
          const bom = source.startsWith("\uFEFF");
          const shown = analysis.diagnostics.map((d) => {
            const finding = core.toFinding(d, bom);
            return `${finding.start.line}:${finding.start.column}: ${finding.rule} ${finding.message}`;
          });
          expect(shown, path).toEqual(expected.findings.get(path) ?? []);
          const { output, applied } = analysis.fixAll();
          if (applied.length > 0) fixed++;
          expect(new TextEncoder().encode(output), path).toEqual(new Uint8Array(expected.outputs.get(path)!));
        } finally {
          analysis.dispose();
        }
      }
      expect(fixed).toBeGreaterThan(90);
    });
  }
});
