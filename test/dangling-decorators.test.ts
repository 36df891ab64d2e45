/**
 * Decorators with no definition under them: Python stops at the first token after them ("invalid
 * syntax"), or, where the next line ends their block, says "unexpected unindent" at its column 0.
 * Each such file is left untouched with Python's own line, column and words (`compile()` gives
 * every expected verdict); decorators that do have their definition are fixed as usual.
 */
import { expect, it } from "vitest";
import { expectPythonsVerdicts } from "./python-verdicts.js";

const FLASK = "from flask import Flask\n\napp = Flask(__name__)\n";
const CASES = [
  "@print\nx = 1\n",
  "@print\n",
  "@print\n\n\n",
  "@print\n@print\nx = 1\n",
  "class A:\n    @print\nx = 1\n",
  "class A:\n    @print\n\ndef f():\n    pass\n",
  "def g():\n    @print\nprint()\n",
  "if app:\n    @print\n    def f():\n        pass\n  y = 1\n",
  "@print\n    def f():\n        pass\n",
  "@print(1)\nclass B:\n    pass\n",
  "@print\n# a comment\ndef f():\n    pass\n",
  "class A:\n    @property\n    def x(self):\n        return 1\n",
];

it("leaves a file whose decorators decorate nothing untouched, with Python's line, column and message", async () => {
  const sources = CASES.map((text) => `${FLASK}${text}app.run()\n`);
  expect(await expectPythonsVerdicts(sources, CASES, "mainguard-decorators-")).toBe(9);
});
