import type { Colors } from "./colors.js";
import type { FileResult } from "./process-file.js";

/** `path:line:col: MG001 message`, and with `verbose` how the receiver was identified. */
export function formatFindings(file: FileResult, colors: Colors, verbose: boolean): string {
  let out = "";
  for (const finding of file.findings) {
    const where = `${colors.bold(file.path)}:${finding.start.line}:${finding.start.column}:`;
    out += `${where} ${colors.red(finding.rule)} ${finding.message}\n`;
    if (verbose) out += `  ${colors.dim(`= ${finding.reason}`)}\n`;
  }
  return out;
}

export function colorPatch(patch: string, colors: Colors): string {
  return patch
    .split("\n")
    .map((line) => {
      if (line.startsWith("+++") || line.startsWith("---")) return colors.bold(line);
      if (line.startsWith("@@")) return colors.cyan(line);
      if (line.startsWith("+")) return colors.green(line);
      if (line.startsWith("-")) return colors.red(line);
      return line;
    })
    .join("\n");
}
