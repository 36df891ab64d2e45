import { resolve } from "node:path";
import { excludeMatcher } from "../discover/discover.js";
import { checkBytes } from "../read/read-source.js";
import { checkRead } from "../run/process-file.js";
import { enginesFor } from "../run/batches.js";
import { preferFastStartup } from "../node/python-parser.js";
import { formatGithub } from "../output/github.js";
import { formatJson } from "../output/json.js";
import { formatSarif } from "../output/sarif.js";
import { formatFindings } from "../output/text.js";
import { colorPatch, unifiedPatch } from "../output/patch.js";
import { filePatches } from "../output/file-patches.js";
import type { Colors } from "../output/colors.js";
import type { Settings } from "../config/settings.js";
import type { FileResult } from "../file-result.js";
import { EXIT, type CheckSettings } from "./check-command.js";

export interface StdinRequest {
  /** The name the source goes by: in messages, for its settings and for the excludes. */
  path: string;
  settings: CheckSettings;
  /** The settings of the folder `path` is in. */
  here: Settings;
  /** --exclude patterns, relative to `cwd`. */
  exclude: readonly string[];
  cwd: string;
  /** Colours for stderr, where the findings go. */
  err: Colors;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/**
 * `--stdin-filename P`: one file, read from stdin, through the same per-file path as a tree's
 * files. Without --dry-run the fixed source goes to stdout (the source as it was when nothing is
 * fixed) and the findings that remain go to stderr in the chosen format; with --dry-run stdout
 * holds what a tree's dry run prints (the patch, or the JSON or SARIF document, or annotations).
 * A path the excludes cover comes back unchanged, with no findings. Returns the exit code.
 */
export async function runStdin({ path, settings, here, exclude, cwd, err }: StdinRequest): Promise<number> {
  const bytes = await readAll(process.stdin);
  const excluded = excludeMatcher({ exclude: [{ base: cwd, patterns: exclude }, ...here.exclude] });
  if (excluded(resolve(cwd, path), false)) {
    if (settings.verbose) process.stderr.write(`mainguard: ${path}: excluded; passed through unchanged\n`);
    if (settings.mode !== "dry-run") process.stdout.write(bytes);
    return EXIT.clean;
  }
  preferFastStartup();
  const plan = { fix: true, describeFixes: settings.format === "json" || settings.format === "sarif" };
  const engineOf = enginesFor({ unsafeFixes: settings.unsafeFixes, configPath: settings.configPath, run: plan });
  const file = await checkRead(engineOf(path), path, checkBytes(bytes), plan);
  if (file.problem) process.stderr.write(`mainguard: ${path}: ${file.problem.message}\n`);
  if (settings.mode === "dry-run") {
    // In the file as it is: the findings the patch leaves.
    const unfixed = file.findings.filter((finding) => !(file.change && finding.fix?.enabled));
    if (settings.format === "text") {
      if (file.change) process.stdout.write(colorPatch(unifiedPatch(path, file.change.original, file.change.output), settings.out));
      process.stderr.write(formatFindings({ ...file, findings: unfixed }, err, settings.verbose));
    } else process.stdout.write(formatted(file, settings, true));
    return file.change || unfixed.length > 0 ? EXIT.pending : EXIT.clean;
  }
  process.stdout.write(file.change ? file.change.output : bytes);
  // In the fixed source: what is left, at its positions there.
  const remaining: FileResult = file.change ? { ...file, findings: file.change.remaining } : file;
  process.stderr.write(settings.format === "text" ? formatFindings(remaining, err, settings.verbose) : formatted(remaining, settings, false));
  return remaining.findings.length > 0 ? EXIT.pending : EXIT.clean;
}

/** The file's findings as JSON, SARIF or annotations; in a dry run, with the fix in the document. */
function formatted(file: FileResult, settings: CheckSettings, dryRun: boolean): string {
  const patches = dryRun ? filePatches([file]) : undefined;
  if (settings.format === "json") return formatJson([file], patches);
  if (settings.format === "sarif") return formatSarif([file], settings.rules, settings.version, patches);
  return formatGithub(file);
}
