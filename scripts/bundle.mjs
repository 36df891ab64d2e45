// Bundles the CLI and its worker into dist/ so that start-up reads a few files, not dozens:
// `node dist/cli.js` on one small file is measured against `node -e 0` (npm run bench).
import { copyFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { build } from "esbuild";

rmSync("dist/chunks", { recursive: true, force: true });
// The grammar ships inside the package: nothing is fetched or compiled when it is installed.
copyFileSync(createRequire(import.meta.url).resolve("tree-sitter-python/tree-sitter-python.wasm"), "dist/tree-sitter-python.wasm");

await build({
  entryPoints: { cli: "src/cli/entry.ts", worker: "src/run/worker.ts", server: "src/server/server-thread.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Loaded only when needed (the grammar when a file is a candidate, Inquirer for -i), and the
  // grammar finds its .wasm files next to its own module.
  external: ["web-tree-sitter", "@inquirer/prompts"],
  // CommonJS dependencies use require() and __filename; give the ESM bundle both.
  banner: {
    js: [
      'import { createRequire as __createRequire } from "node:module";',
      'import { fileURLToPath as __fileURLToPath } from "node:url";',
      "const require = __createRequire(import.meta.url);",
      "const __filename = __fileURLToPath(import.meta.url);",
    ].join(" "),
  },
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});
