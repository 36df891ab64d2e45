// npm run docs: writes the README's lists that come from the catalog (between the
// `<!-- catalog -->` markers) from the built catalog, so that adding a server changes no prose.
// test/docs.test.ts fails when the README and the catalog disagree.
import { readFileSync, writeFileSync } from "node:fs";
import { catalogTable } from "../dist/src/catalog.js";

const README = new URL("../README.md", import.meta.url);
const text = readFileSync(README, "utf8");
const block = /<!-- catalog:start -->\n[^]*?<!-- catalog:end -->\n/;
if (!block.test(text)) throw new Error("README.md has no <!-- catalog:start --> … <!-- catalog:end --> block");
writeFileSync(README, text.replace(block, `<!-- catalog:start -->\n${catalogTable()}<!-- catalog:end -->\n`));
