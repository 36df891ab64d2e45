import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ReportError } from "./reported.js";

/** What relative paths in a report may be relative to, in the order they are tried. */
export interface Bases {
  /** A base the report itself declares (SARIF `originalUriBaseIds`), tried alone when present. */
  declared?: string;
  reportFolder: string;
  cwd: string;
}

/** An absolute path from a `file:` URI or a plain absolute path; undefined for a relative reference. */
export function absolutePath(reference: string, report: string): string | undefined {
  if (/^file:/i.test(reference)) {
    try {
      return fileURLToPath(reference);
    } catch {
      throw new ReportError(`${report}: cannot read the file URI ${reference}`);
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(reference) && !/^[a-z]:[\\/]/i.test(reference)) {
    throw new ReportError(`${report}: ${reference} is not a file on this machine`);
  }
  return isAbsolute(reference) ? reference : undefined;
}

/** A located file; `missing` says why it is not there (an error only if the run needs that file). */
export interface Located {
  file: string;
  missing?: string;
}

/**
 * The file `reference` names: a `file:` URI or an absolute path as it is; a relative one against
 * the declared base, else the report's folder, else the current directory, whichever holds it.
 */
export function locate(reference: string, bases: Bases, report: string): Located {
  const absolute = absolutePath(reference, report);
  const tried = absolute ? [absolute] : (bases.declared ? [bases.declared] : [bases.reportFolder, bases.cwd]).map((base) => resolve(base, reference));
  const found = tried.find((path) => existsSync(path));
  if (found) return { file: found };
  const where = absolute ? "" : bases.declared ? ` (under ${bases.declared}, the report's base)` : " (looked under the report's folder and the current directory)";
  return { file: tried[tried.length - 1]!, missing: `${report}: names ${reference}, which does not exist${where}` };
}
