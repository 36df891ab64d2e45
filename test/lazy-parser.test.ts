import { expect, it } from "vitest";
import { createMainguard } from "../src/index.js";
import { parserRequested } from "../src/parser.js";

it("loads the grammar only when a file holds a candidate", async () => {
  const mainguard = await createMainguard();
  expect(await mainguard.check("import os\nprint(os.getcwd())\n")).toEqual([]);
  expect(parserRequested()).toBe(false);
  expect(await mainguard.check("from flask import Flask\napp = Flask(__name__)\napp.run()\n")).toHaveLength(1);
  expect(parserRequested()).toBe(true);
});
