import type { Engine } from "../engine/engine.js";
import type { RunPlan } from "./messages.js";
import { RawText } from "../prefilter/raw-text.js";
import { readBytes, type Bytes } from "../read/read-source.js";
import { skipMessage } from "../engine/skip-messages.js";
import { cleanResult, type FileResult } from "../file-result.js";

/** Node's Buffer decodes one byte to one character natively. */
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");

/**
 * Reads one file and checks it, and with `fix` computes (but does not write) its fixed bytes. Its
 * text is decoded only when the raw-bytes prefilter leaves a transform that may match.
 */
export async function processFile(engine: Engine, path: string, plan: RunPlan): Promise<FileResult> {
  return checkRead(engine, path, readBytes(path), plan);
}

/** Checks a file's bytes as read (from its path, or from stdin), and with `fix` computes its fixed bytes. */
export async function checkRead(engine: Engine, path: string, read: Bytes, plan: RunPlan): Promise<FileResult> {
  const { reported, ...options } = plan;
  const sites = reported?.[path];
  if (!read.ok) {
    const verdicts = sites?.map(() => ({ verdict: "unparsable" as const, explanation: read.reason }));
    return { path, findings: [], fixable: 0, suppressed: 0, problem: { message: `skipped: ${read.reason}`, fatal: read.fatal }, ...(verdicts ? { verdicts } : {}) };
  }
  const transforms = engine.candidates(new RawText(read.bytes, latin1));
  // A file a report names is read whatever the prefilter says: each of its lines gets a verdict.
  if (transforms.length === 0 && !sites) return cleanResult(path);
  // A candidate: keep its own copy of the bytes (the read buffer is reused for the next file).
  const source = { ...read, bytes: Buffer.from(read.bytes) };
  const text = source.codec.decode(source.bytes);
  const result = await engine.run(text, path, { ...options, transforms, sites });
  const fixable = options.fix ? result.applied : result.findings.filter((finding) => finding.fix?.enabled).length;
  const file: FileResult = { path, findings: result.findings, fixable, suppressed: result.suppressed };
  if (result.verdicts) file.verdicts = result.verdicts;
  if (result.skipped) {
    file.problem = { message: skipMessage(result.skipped), fatal: false };
  } else if (result.applied > 0) {
    // Cannot fail: the fix only adds ASCII, which every encoding mainguard writes can hold, to text
    // decoded from these bytes.
    file.change = { original: source.bytes, output: source.codec.encode(result.output), applied: result.applied, edits: result.edits!, remaining: result.remaining! };
  }
  return file;
}

/**
 * `processFile`, with an exception (a bug in mainguard) reported against the file as a fatal
 * problem: the other files are still checked, and the run ends with exit code 2.
 */
export async function checkFile(engine: Engine, path: string, options: RunPlan): Promise<FileResult> {
  try {
    return await processFile(engine, path, options);
  } catch (error) {
    return { path, findings: [], fixable: 0, suppressed: 0, problem: { message: `internal error: ${(error as Error).stack ?? error}`, fatal: true } };
  }
}
