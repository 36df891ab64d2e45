// Builds the playground (playground/) into one folder any static host can serve: index.html, the
// page's script, the engine's worker and the two WebAssembly files, nothing fetched from elsewhere.
// Runnable alone: node scripts/build-playground.mjs [outdir]
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
export const PLAYGROUND_OUT = join(ROOT, "dist/playground");

/** Builds the page into `outdir` (emptied first); returns the files esbuild wrote. */
export async function buildPlayground(outdir = PLAYGROUND_OUT) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: { main: join(ROOT, "playground/main.ts"), worker: join(ROOT, "playground/worker.ts") },
    outdir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["chrome110", "firefox115", "safari16.4"],
    minify: true,
    // web-tree-sitter loads these only when it runs in Node, never in a page.
    external: ["fs", "fs/promises", "module", "path", "url"],
    metafile: true,
    logLevel: "warning",
  });
  for (const file of ["index.html", "style.css"]) copyFileSync(join(ROOT, "playground", file), join(outdir, file));
  copyFileSync(require.resolve("web-tree-sitter/tree-sitter.wasm"), join(outdir, "tree-sitter.wasm"));
  copyFileSync(require.resolve("tree-sitter-python/tree-sitter-python.wasm"), join(outdir, "tree-sitter-python.wasm"));
  return result.metafile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const outdir = resolve(process.argv[2] ?? PLAYGROUND_OUT);
  await buildPlayground(outdir);
  console.log(`playground built in ${outdir}`);
}
