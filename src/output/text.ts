import type { Colors } from "./colors.js";
import type { FileResult } from "../file-result.js";

/** `path:line:col: MG001 message`, and with `verbose` how the receiver was identified. */
export function formatFindings(file: FileResult, colors: Colors, verbose: boolean): string {
  let out = "";
  for (const finding of file.findings) {
    const where = `${colors.bold(file.path)}:${finding.start.line}:${finding.start.column}:`;
    const unsafe = finding.fix?.applicability === "unsafe" ? ` ${colors.yellow("[unsafe fix]")}` : "";
    out += `${where} ${colors.red(finding.rule)} ${finding.message}${unsafe}\n`;
    if (verbose) out += `  ${colors.dim(`= ${finding.reason}`)}\n`;
  }
  return out;
}
