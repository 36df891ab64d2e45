import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Engine } from "../src/engine/engine.js";
import { checkFile, processFile } from "../src/run/process-file.js";

/** An engine with a bug: every file is a candidate, and checking one throws. */
const broken = {
  candidates: () => [{}],
  run: async () => {
    throw new Error("boom");
  },
} as unknown as Engine;

describe("checking one file", () => {
  it("reports an exception against the file, as a fatal problem, whichever thread checks it", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "mainguard-")), "app.py");
    writeFileSync(path, "app.run()\n");
    await expect(processFile(broken, path, {})).rejects.toThrow("boom");
    const result = await checkFile(broken, path, {});
    expect(result.path).toBe(path);
    expect(result.findings).toEqual([]);
    expect(result.problem?.fatal).toBe(true);
    expect(result.problem?.message).toMatch(/^internal error: Error: boom\n/);
  });
});
