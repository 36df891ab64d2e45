import type { Colors } from "../output/colors.js";
import { colorPatch, unifiedPatch } from "../output/patch.js";
import type { FileResult } from "../file-result.js";

export type Decision = "yes" | "no" | "all" | "quit";

/**
 * Interactive review (`-i`): for each file with fixes, in order, show "file k of n" and its diff
 * and ask y / n / a / q (h lists them); a key and Enter answer. Returns how the review ended.
 * `apply` writes one file; nothing is written after "q" or Ctrl-C.
 */
export async function reviewChanges(
  files: readonly FileResult[],
  colors: Colors,
  apply: (file: FileResult) => Promise<void>,
): Promise<"finished" | "quit" | "interrupted"> {
  // Inquirer is loaded only for -i: other modes never pay for it.
  const { expand } = await import("@inquirer/prompts");
  let applyAll = false;
  for (const [k, file] of files.entries()) {
    const change = file.change!;
    process.stdout.write(`\n${colors.bold(`file ${k + 1} of ${files.length}: ${file.path}`)}\n`);
    process.stdout.write(colorPatch(unifiedPatch(file.path, change.original, change.output), colors));
    const unsafe = file.findings.filter((finding) => finding.fix?.applicability === "unsafe" && finding.fix.enabled);
    if (unsafe.length > 0) {
      const rules = [...new Set(unsafe.map((finding) => finding.rule))].join(", ");
      process.stdout.write(colors.yellow(`This diff includes unsafe fixes (${rules}): other statements of a block move under the guard too.\n`));
    }
    if (applyAll) {
      await apply(file);
      continue;
    }
    let decision: Decision;
    try {
      decision = await expand<Decision>({
        message: `Apply ${change.applied === 1 ? "this fix" : `these ${change.applied} fixes`} to ${file.path}?`,
        choices: [
          { key: "y", name: "Yes, apply", value: "yes" },
          { key: "n", name: "No, skip this file", value: "no" },
          { key: "a", name: "Apply this and all remaining files", value: "all" },
          { key: "q", name: "Quit; write nothing more", value: "quit" },
        ],
      });
    } catch (error) {
      if ((error as Error).name === "ExitPromptError") return "interrupted";
      throw error;
    }
    if (decision === "quit") return "quit";
    if (decision === "no") continue;
    if (decision === "all") applyAll = true;
    await apply(file);
  }
  return "finished";
}
