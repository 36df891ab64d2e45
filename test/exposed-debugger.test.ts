import { defineFixtureTests } from "./fixture-utils.js";

// Report-only: every case comes out unchanged; `<case>.findings.txt` holds what must be reported.
defineFixtureTests("exposed-debugger");
