/**
 * `--dry-run --split-by owners|package --out DIR`: the fixes as one patch per owner (CODEOWNERS)
 * or per package, so that each team reviews and lands its own part, as large-scale changes are
 * landed; with `index.md` and `index.json` listing the patches and a pull request's title and body
 * for each. Every patch applies alone with `git apply` from the folder the run started in.
 */
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { FileResult } from "../file-result.js";
import { readCodeowners } from "./codeowners.js";
import { unifiedPatch } from "./patch.js";

export type SplitBy = "owners" | "package";

export interface PatchEntry {
  patch: string;
  /** With `owners`: the owners of its files (none: unowned). */
  owners?: string[];
  /** With `package`: the package folder, relative to the repository ("." for its root; absent: none). */
  package?: string | null;
  files: string[];
  findings: number;
  rules: string[];
  title: string;
  body: string;
}

export interface SplitIndex {
  splitBy: SplitBy;
  /** The CODEOWNERS file used, relative to the repository. */
  codeowners?: string;
  patches: PatchEntry[];
}

const PACKAGE_FILES = ["pyproject.toml", "setup.py", "setup.cfg"];

/** Writes the patches, `index.md` and `index.json` into `out`, and returns the index. */
export function writeSplit(files: readonly FileResult[], by: SplitBy, out: string, repository: string, cwd: string): SplitIndex {
  const changed = files.filter((file) => file.change);
  const inRepository = (file: FileResult) => relative(repository, resolve(cwd, file.path)).split("\\").join("/");
  const codeowners = by === "owners" ? readCodeowners(repository) : undefined;
  const packageOf = packageFinder(repository);
  const groups = new Map<string, { owners?: string[]; package?: string | null; files: FileResult[] }>();
  for (const file of changed) {
    const owners = by === "owners" ? (codeowners?.ownersOf(inRepository(file)) ?? []) : undefined;
    const folder = by === "package" ? packageOf(dirname(resolve(cwd, file.path))) : undefined;
    const name = owners ? ownersPatchName(owners) : packagePatchName(folder!);
    const group = groups.get(name) ?? { owners, package: folder, files: [] };
    group.files.push(file);
    groups.set(name, group);
  }
  mkdirSync(out, { recursive: true });
  const patches: PatchEntry[] = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([patch, group]) => {
      writeFileSync(join(out, patch), Buffer.concat(group.files.map((file) => unifiedPatch(file.path, file.change!.original, file.change!.output))));
      return entry(patch, group.owners, group.package, group.files);
    });
  const index: SplitIndex = { splitBy: by, ...(codeowners ? { codeowners: codeowners.file } : {}), patches };
  writeFileSync(join(out, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
  writeFileSync(join(out, "index.md"), indexMarkdown(index));
  return index;
}

/** `@org/billing @alice` → `org-billing+alice.patch`; no owner → `unowned.patch`. */
function ownersPatchName(owners: readonly string[]): string {
  if (owners.length === 0) return "unowned.patch";
  return `${owners.map((owner) => owner.replace(/^@/, "").replace(/[^A-Za-z0-9._-]+/g, "-")).join("+")}.patch`;
}

/** `packages/billing` → `packages__billing.patch`; the repository's root → `root.patch`. */
function packagePatchName(folder: string | null): string {
  if (folder === null) return "no-package.patch";
  return folder === "." ? "root.patch" : `${folder.replace(/[^A-Za-z0-9._-]+/g, "__")}.patch`;
}

/** The nearest folder at or above one (below the repository) holding a package file, relative to the repository. */
function packageFinder(repository: string): (folder: string) => string | null {
  const known = new Map<string, string | null>();
  const find = (folder: string): string | null => {
    let found = known.get(folder);
    if (found === undefined) {
      const rel = relative(repository, folder).split("\\").join("/");
      if (rel.startsWith("..")) found = null;
      else if (PACKAGE_FILES.some((name) => isFile(join(folder, name)))) found = rel === "" ? "." : rel;
      else found = rel === "" ? null : find(dirname(folder));
      known.set(folder, found);
    }
    return found;
  };
  return find;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function entry(patch: string, owners: string[] | undefined, folder: string | null | undefined, files: readonly FileResult[]): PatchEntry {
  const fixed = files.flatMap((file) => file.findings.filter((finding) => finding.fix?.enabled));
  const rules = [...new Set(fixed.map((finding) => finding.rule))].sort();
  const findings = files.reduce((count, file) => count + file.change!.applied, 0);
  const who = owners ? (owners.length > 0 ? owners.join(" ") : "unowned code") : folder === null ? "files outside any package" : folder === "." ? "the root package" : folder!;
  const title = `Guard import-time server starts in ${who} (${rules.join(", ")}, CWE-668)`;
  const body = [
    `This change moves ${findings} web-server start${findings === 1 ? "" : "s"} that ran whenever a module was imported under \`if __name__ == "__main__":\` (${rules.join(", ")}; CWE-668, https://cwe.mitre.org/data/definitions/668.html).`,
    "Imported by gunicorn, uWSGI, mod_wsgi, a test or a worker, these modules started a development server, with its debugger when `debug=True`. Run as scripts, they behave as before. Nothing else in the files changes.",
    "",
    "Files:",
    ...files.map((file) => `- \`${file.path}\` (${file.change!.applied} fixed)`),
    "",
    `Made with \`mainguard --dry-run --split-by ${owners ? "owners" : "package"}\`; apply with \`git apply ${patch}\`.`,
  ].join("\n");
  return { patch, ...(owners ? { owners } : { package: folder ?? null }), files: files.map((file) => file.path), findings, rules, title, body };
}

function indexMarkdown(index: SplitIndex): string {
  const by = index.splitBy === "owners" ? `owners (${index.codeowners ?? "no CODEOWNERS file: every file is unowned"})` : "package";
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const lines = [
    `# mainguard: ${index.patches.length} patch${index.patches.length === 1 ? "" : "es"}, split by ${by}`,
    "",
    `| patch | ${index.splitBy === "owners" ? "owners" : "package"} | files | findings | pull request title |`,
    "|---|---|---|---|---|",
    ...index.patches.map((p) => {
      const who = index.splitBy === "owners" ? (p.owners!.length > 0 ? p.owners!.join(" ") : "(unowned)") : (p.package ?? "(none)");
      return `| [${p.patch}](${p.patch}) | ${cell(who)} | ${p.files.length} | ${p.findings} | ${cell(p.title)} |`;
    }),
  ];
  for (const p of index.patches) lines.push("", `## ${p.patch}`, "", `**${p.title}**`, "", p.body);
  return `${lines.join("\n")}\n`;
}
