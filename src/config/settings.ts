/**
 * The settings each file is checked with, as ruff finds them: from the nearest pyproject.toml at
 * or above the file that has a `[tool.mainguard]` table (a table may `extend` another file's and
 * override it), or from the one file `--config` names.
 */
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import type { CatalogConfig } from "../catalog.js";
import { ConfigError, configTable, HAS_TABLE, type ConfigTable } from "./table.js";

export type SettingKey = "exclude" | "extra-app-names" | "extra-server-calls" | "report-rules" | "unsafe-fixes";

export interface Settings {
  catalog: CatalogConfig;
  unsafeFixes: boolean;
  /** Exclude patterns, each list relative to the folder of the pyproject.toml that gave it. */
  exclude: Array<{ base: string; patterns: readonly string[] }>;
  /** Scanner rule ids `--from-report` takes besides the built-in ones. */
  reportRules: readonly string[];
  /** The pyproject.toml each setting came from; absent: the default. */
  origins: Partial<Record<SettingKey, string>>;
  /** The pyproject.toml that applies (the nearest, or --config's), if any. */
  path?: string;
}

export const DEFAULT_SETTINGS: Settings = { catalog: {}, unsafeFixes: false, exclude: [], reportRules: [], origins: {} };

type Parse = (text: string) => Record<string, unknown>;
let parser: Parse | undefined;

/** smol-toml, loaded when a table is first found: most runs never need it. */
function parseToml(text: string): Record<string, unknown> {
  parser ??= (createRequire(import.meta.url)("smol-toml") as { parse: Parse }).parse;
  return parser(text);
}

/** Settings by folder and by pyproject.toml, each worked out once. */
export class SettingsResolver {
  private readonly byFolder = new Map<string, Settings>();
  /** Folders a walk has read that hold no pyproject.toml: no need to look again. */
  private readonly withoutTable = new Set<string>();
  private readonly byFile = new Map<string, Settings>();

  /** `only`: the pyproject.toml `--config` names, used for every file. */
  constructor(private readonly only?: string) {}

  /** The settings for the files of `folder` (absolute). A malformed table throws ConfigError. */
  forFolder(folder: string): Settings {
    if (this.only) return this.fromFile(this.only, []);
    let known = this.byFolder.get(folder);
    if (known === undefined) {
      const path = join(folder, "pyproject.toml");
      const text = this.withoutTable.has(folder) ? undefined : readText(path);
      if (text !== undefined && HAS_TABLE.test(text)) known = this.fromFile(path, [], text);
      else known = dirname(folder) === folder ? DEFAULT_SETTINGS : this.forFolder(dirname(folder));
      this.byFolder.set(folder, known);
    }
    return known;
  }

  /** What a walk learnt from reading `folder` (absolute): whether it holds a pyproject.toml. */
  noteFolder(folder: string, hasPyproject: boolean): void {
    if (!hasPyproject) this.withoutTable.add(folder);
  }

  /** The settings for one file (absolute path). */
  forFile(file: string): Settings {
    return this.forFolder(dirname(file));
  }

  /** The pyproject.toml whose table governs the files of `folder` (absolute), if any: what another thread needs to know to resolve the same settings without looking. */
  tableFor(folder: string): string | undefined {
    return this.forFolder(folder).path;
  }

  /** The settings of the table at `path` (from `tableFor`), or the defaults. */
  forTable(path: string | undefined): Settings {
    if (this.only) return this.fromFile(this.only, []);
    return path === undefined ? DEFAULT_SETTINGS : this.fromFile(path, []);
  }

  /** The settings `path` gives, after those it extends; `chain` lists the files extending it. */
  private fromFile(path: string, chain: readonly string[], known?: string): Settings {
    const cached = this.byFile.get(path);
    if (cached) return cached;
    if (chain.includes(path)) throw new ConfigError(`${chain.at(-1)}: [tool.mainguard]: \`extend\` comes back to ${path}: ${[...chain, path].join(" -> ")}`);
    const text = known ?? readText(path);
    if (text === undefined) {
      const from = chain.at(-1);
      throw new ConfigError(from ? `${from}: [tool.mainguard]: \`extend\` names ${path}, which cannot be read` : `${path}: cannot be read`);
    }
    let document: Record<string, unknown>;
    try {
      document = parseToml(text);
    } catch (error) {
      throw new ConfigError(`${path}: not valid TOML: ${(error as Error).message.split("\n")[0]}`);
    }
    if (!HAS_TABLE.test(text)) throw new ConfigError(`${chain.at(-1) ?? path}: [tool.mainguard]: ${path} has no [tool.mainguard] table`);
    const table: ConfigTable = configTable(document, text, path);
    const base = table.extend ? this.fromFile(resolve(dirname(path), table.extend), [...chain, path]) : DEFAULT_SETTINGS;
    const settings = override(base, table, path);
    this.byFile.set(path, settings);
    return settings;
  }
}

/** `base` with the keys `table` sets replaced, each noted as coming from `path`. */
function override(base: Settings, table: ConfigTable, path: string): Settings {
  const settings: Settings = { ...base, catalog: { ...base.catalog }, origins: { ...base.origins }, path };
  if (table.exclude) {
    settings.exclude = [{ base: dirname(path), patterns: table.exclude }];
    settings.origins.exclude = path;
  }
  if (table.extraAppNames) {
    settings.catalog.extraAppNames = table.extraAppNames;
    settings.origins["extra-app-names"] = path;
  }
  if (table.extraServerCalls) {
    settings.catalog.extraServerCalls = table.extraServerCalls;
    settings.origins["extra-server-calls"] = path;
  }
  if (table.reportRules) {
    settings.reportRules = table.reportRules;
    settings.origins["report-rules"] = path;
  }
  if (table.unsafeFixes !== undefined) {
    settings.unsafeFixes = table.unsafeFixes;
    settings.origins["unsafe-fixes"] = path;
  }
  return settings;
}

/** The file's text, or undefined when there is none: most folders have no pyproject.toml, and a
 * stat that says so costs far less than a read that throws. */
function readText(path: string): string | undefined {
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) return undefined;
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
