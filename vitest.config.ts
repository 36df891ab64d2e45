import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // Many tests start the CLI, a Python server or a terminal: one test file per two cores leaves
    // each such process a core of its own (one file at a time on a 2-core machine), so that a
    // busy machine slows the suite down without starving vitest's own workers.
    pool: "forks",
    maxWorkers: "50%",
    minWorkers: 1,
  },
});
