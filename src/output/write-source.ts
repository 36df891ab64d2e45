import { readFile } from "node:fs/promises";

export type WriteOutcome = { written: true } | { written: false; reason: string };

/**
 * Replaces the file's bytes with `output` if it still holds `original`. The write goes
 * to a temporary file beside the target (through symlinks), which is renamed over it, so the file
 * is either old or new; mode bits and owner are kept and the temporary is removed on exit.
 */
export async function writeIfUnchanged(path: string, original: Uint8Array, output: Uint8Array): Promise<WriteOutcome> {
  let current: Buffer;
  try {
    current = await readFile(path);
  } catch (error) {
    return { written: false, reason: `cannot read it again before writing: ${(error as Error).message}` };
  }
  if (Buffer.compare(current, original) !== 0) return { written: false, reason: "it changed since it was read; not written" };
  try {
    // Loaded here: only a run that writes needs it (and its crypto and worker_threads imports).
    const { default: writeFileAtomic } = await import("write-file-atomic");
    await writeFileAtomic(path, Buffer.from(output.buffer, output.byteOffset, output.byteLength));
  } catch (error) {
    return { written: false, reason: `cannot write: ${(error as Error).message}` };
  }
  return { written: true };
}
