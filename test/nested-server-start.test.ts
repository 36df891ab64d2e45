import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { createMainguard } from "../src/index.js";
import { nestedServerStart } from "../transforms/nested-server-start.js";
import { defineFixtureTests, fixtureCases } from "./fixture-utils.js";

defineFixtureTests("nested-server-start", { unsafeFixes: true });

it("without --unsafe-fixes reports every MG002 as unsafe (or without a fix, saying why) and changes nothing", async () => {
  const mainguard = await createMainguard({ transforms: [nestedServerStart] });
  for (const fixture of fixtureCases("nested-server-start")) {
    const input = readFileSync(fixture.inputPath, "utf8");
    const result = await mainguard.fix(input);
    expect(result.output, fixture.name).toBe(input);
    expect(result.applied).toBe(0);
    // A start that runs only on import (guarded, it would never run) or in a class body (guarding
    // the class would remove it) has no fix, and its reason says so.
    const importOnly = result.findings.filter((finding) => /; no automatic fix: /.test(finding.reason));
    expect(importOnly.every((finding) => finding.fix === undefined), fixture.name).toBe(true);
    expect(result.findings.filter((finding) => !importOnly.includes(finding)).every((finding) => finding.fix?.applicability === "unsafe"), fixture.name).toBe(true);
    const fixable = result.findings.length - importOnly.length;
    expect(fixable > 0, fixture.name).toBe(fixture.outputPath !== undefined);
  }
});
