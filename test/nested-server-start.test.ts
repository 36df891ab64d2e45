import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { createMainguard } from "../src/index.js";
import { nodePythonParser } from "../src/node/python-parser.js";
import { branchesOf } from "../src/python/main-guard.js";
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

it("reads what an if's tests say about __name__, branch by branch (src/python/main-guard.ts branchesOf)", async () => {
  const parser = await nodePythonParser();
  const runs = (source: string) => {
    const tree = parser.parse(source)!;
    try {
      return branchesOf(tree.rootNode.namedChild(0)!).map((branch) => branch.runs);
    } finally {
      tree.delete();
    }
  };
  expect(runs('if __name__ == "__main__":\n    a\nelif x:\n    b\nelse:\n    c\n')).toEqual(["script-only", "import-only", "import-only"]);
  expect(runs('if ("__main__") == __name__ and x:\n    a\nelse:\n    b\n')).toEqual(["script-only", "either"]);
  expect(runs('if not __name__ == "__main__":\n    a\nelse:\n    b\n')).toEqual(["import-only", "script-only"]);
  expect(runs('if __name__ != "__main__":\n    a\nelif __name__ == "__main__":\n    b\n')).toEqual(["import-only", "script-only"]);
  expect(runs('if x:\n    a\nelif __name__ in ["__main__", "__mp_main__"]:\n    b\nelse:\n    c\n')).toEqual(["either", "script-only", "import-only"]);
  expect(runs('if __name__ in ("__main__", "app"):\n    a\n')).toEqual(["either"]);
  expect(runs('if __name__ == "main":\n    a\nelse:\n    b\n')).toEqual(["import-only", "either"]);
  expect(runs('if __name__ == f"__main__":\n    a\n')).toEqual(["either"]);
});
