import { Engine } from "../engine/engine.js";
import { unifiedPatch } from "../output/patch.js";
import { nodePythonParser, preferFastStartup } from "../node/python-parser.js";
import { skipMessage } from "../engine/skip-messages.js";
import { decodeSource } from "../read/read-source.js";
import type { Catalog } from "../catalog.js";
import type { Transform } from "../types.js";

export interface StdinSettings {
  path: string;
  transforms: readonly Transform[];
  unsafeFixes: boolean;
  catalog: Catalog;
  dryRun: boolean;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/**
 * `--stdin-filename P`: the source comes on stdin and the fixed source goes to stdout (a patch with
 * --dry-run); findings that remain go to stderr. A file that cannot be fixed comes back as it was.
 * Returns the exit code.
 */
export async function runStdin(settings: StdinSettings): Promise<number> {
  const bytes = await readAll(process.stdin);
  const source = decodeSource(bytes);
  if (!source.ok) {
    process.stderr.write(`mainguard: ${settings.path}: skipped: ${source.reason}\n`);
    if (!settings.dryRun) process.stdout.write(bytes);
    return 0;
  }
  preferFastStartup();
  const engine = Engine.create({ transforms: settings.transforms, parser: nodePythonParser, unsafeFixes: settings.unsafeFixes, catalog: settings.catalog });
  const result = await engine.run(source.text, settings.path, { fix: true });
  if (result.skipped) process.stderr.write(`mainguard: ${settings.path}: ${skipMessage(result.skipped)}\n`);
  const fixed = result.applied > 0;
  if (settings.dryRun) {
    if (fixed) process.stdout.write(unifiedPatch(settings.path, bytes, source.codec.encode(result.output)));
  } else {
    process.stdout.write(fixed ? source.codec.encode(result.output) : bytes);
  }
  const remaining = fixed ? result.remaining! : result.findings;
  for (const finding of remaining) {
    process.stderr.write(`${settings.path}:${finding.start.line}:${finding.start.column}: ${finding.rule} ${finding.message}\n`);
  }
  return remaining.length > 0 || (settings.dryRun && fixed) ? 1 : 0;
}
