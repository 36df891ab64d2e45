import type { FileResult } from "../file-result.js";

// GitHub workflow commands: data escapes %, CR, LF; properties also escape : and ,.
export const data = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
export const property = (text: string) => data(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** One `::warning` annotation per finding. */
export function formatGithub(file: FileResult): string {
  return file.findings
    .map((f) => {
      const where = `file=${property(file.path)},line=${f.start.line},col=${f.start.column},endLine=${f.end.line},endColumn=${f.end.column}`;
      return `::warning ${where},title=${property(`mainguard ${f.rule}`)}::${data(`${f.rule} ${f.message}`)}\n`;
    })
    .join("");
}
