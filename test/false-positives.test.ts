import { execFileSync } from "node:child_process";
import { expect, it } from "vitest";
import { runCli } from "./cli-utils.js";

// Precision matters as much as recall: the whole standard library of this machine's
// Python holds no import-time server start, so mainguard must report nothing there.
it("reports no finding anywhere in the Python standard library", () => {
  const stdlib = execFileSync("python3", ["-c", 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: "utf8" }).trim();
  const result = runCli(["--format", "json", stdlib], "/");
  const summary = result.stderr.trim().split("\n").pop()!;
  console.log(`standard library (${stdlib}): ${summary}`);
  expect(JSON.parse(result.stdout)).toEqual([]);
  expect(summary).toMatch(/^\d{4,} files scanned, 0 findings/);
  expect(result.code).toBe(0);
}, 180_000);
