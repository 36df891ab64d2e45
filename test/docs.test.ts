import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, it } from "vitest";
import { catalogTable, recognisedStarts, SERVER_FUNCTIONS, APP_FRAMEWORKS } from "../src/catalog.js";
import { RULES } from "../transforms/index.js";

const README = readFileSync(resolve(import.meta.dirname, "../README.md"), "utf8");

it("the README's catalog table is the catalog's (npm run docs writes it)", () => {
  const block = /<!-- catalog:start -->\n([^]*?)<!-- catalog:end -->/.exec(README);
  expect(block?.[1]).toBe(catalogTable());
});

it("the rules' documentation names every server in the catalog", () => {
  const mg001 = RULES.find((rule) => rule.code === "MG001")!.documentation;
  expect(mg001).toContain(recognisedStarts());
  for (const fn of SERVER_FUNCTIONS) expect(mg001).toContain(fn.coroutine ? `\`asyncio.run(${fn.qualified}(...))\`` : `\`${fn.qualified}\``);
  for (const framework of APP_FRAMEWORKS) expect(mg001).toContain(framework.name);
  const mg101 = RULES.find((rule) => rule.code === "MG101")!.documentation;
  for (const fn of SERVER_FUNCTIONS.filter((candidate) => candidate.debugKeyword)) expect(mg101).toContain(`${fn.qualified}(${fn.debugKeyword}=True)`);
});

it("the README stays a page for users: at most 260 lines, and every docs/ page, image and example it links to exists", () => {
  expect(README.trimEnd().split("\n").length).toBeLessThanOrEqual(260);
  const links = [...README.matchAll(/\]\(((?:docs|examples)\/[\w./-]+\.(?:md|png|yml))\)/g)].map((match) => match[1]!);
  expect(new Set(links)).toEqual(
    new Set([
      "docs/usage.md",
      "docs/monorepo.md",
      "docs/reports.md",
      "docs/safety.md",
      "docs/performance.md",
      "docs/library.md",
      "docs/architecture.md",
      "docs/playground.md",
      "docs/playground.png",
      "examples/workflows/mainguard.yml",
      "examples/workflows/playground-pages.yml",
    ]),
  );
  for (const link of links) expect(existsSync(resolve(import.meta.dirname, "..", link)), link).toBe(true);
});
