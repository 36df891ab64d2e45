import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { createMainguard } from "../src/index.js";
import { nestedServerStart } from "../transforms/nested-server-start.js";
import { defineFixtureTests, fixtureCases } from "./fixture-utils.js";

defineFixtureTests("nested-server-start", { unsafeFixes: true });

it("without --unsafe-fixes reports every MG002 as unsafe and changes nothing", async () => {
  const mainguard = await createMainguard({ transforms: [nestedServerStart] });
  for (const fixture of fixtureCases("nested-server-start")) {
    const input = readFileSync(fixture.inputPath, "utf8");
    const result = await mainguard.fix(input);
    expect(result.output, fixture.name).toBe(input);
    expect(result.applied).toBe(0);
    expect(result.findings.every((finding) => finding.fix?.applicability === "unsafe")).toBe(true);
    expect(result.findings.length > 0, fixture.name).toBe(fixture.outputPath !== undefined);
  }
});
