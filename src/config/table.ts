import type { CatalogConfig } from "../catalog.js";
import { LineIndex } from "../line-index.js";

/** `[tool.mainguard]` of one pyproject.toml, as written there. */
export interface ConfigTable extends CatalogConfig {
  /** Gitignore-style patterns, relative to the pyproject.toml's folder. */
  exclude?: string[];
  unsafeFixes?: boolean;
  /** Another pyproject.toml whose `[tool.mainguard]` this one inherits and overrides. */
  extend?: string;
  /** Scanner rule ids `--from-report` takes besides its built-in ones. */
  reportRules?: string[];
}

export class ConfigError extends Error {}

export const KEYS = ["exclude", "extend", "extra-app-names", "extra-server-calls", "report-rules", "unsafe-fixes"] as const;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/** Whether a pyproject.toml's text has a `[tool.mainguard]` table (checked before parsing it). */
export const HAS_TABLE = /^\s*\[\s*tool\s*\.\s*mainguard\s*\]/m;

/** The line of `key` inside the `[tool.mainguard]` table of `text` (for messages), if found. */
function lineOf(text: string, key: string): number | undefined {
  const header = HAS_TABLE.exec(text);
  if (!header) return undefined;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const found = new RegExp(`^[ \\t]*["']?${escaped}["']?[ \\t]*=`, "m").exec(text.slice(header.index));
  return found ? new LineIndex(text).position(header.index + found.index).line : undefined;
}

/**
 * Validates `[tool.mainguard]` of the pyproject.toml at `path` (its `text` parsed as `document`):
 * unknown keys and wrong types are errors naming the file, the line and the key.
 */
export function configTable(document: Record<string, unknown>, text: string, path: string): ConfigTable {
  const table = (document.tool as Record<string, unknown> | undefined)?.mainguard;
  if (typeof table !== "object" || table === null || Array.isArray(table)) throw new ConfigError(`${path}: [tool.mainguard] must be a table`);
  const entries = table as Record<string, unknown>;
  const fail = (key: string, message: string): never => {
    const line = lineOf(text, key);
    throw new ConfigError(`${path}${line ? `:${line}` : ""}: [tool.mainguard]: ${message}`);
  };
  const unknown = Object.keys(entries).find((key) => !(KEYS as readonly string[]).includes(key));
  if (unknown) fail(unknown, `unknown key \`${unknown}\` (known: ${KEYS.join(", ")})`);
  const strings = (key: string, pattern?: RegExp, what?: string): string[] => {
    const value = entries[key];
    if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) return fail(key, `\`${key}\` must be a list of strings`);
    const bad = pattern ? (value as string[]).find((item) => !pattern.test(item)) : undefined;
    if (bad !== undefined) fail(key, `\`${key}\`: "${bad}" is not ${what}`);
    return value as string[];
  };
  const config: ConfigTable = {};
  if ("exclude" in entries) config.exclude = strings("exclude");
  if ("extra-app-names" in entries) config.extraAppNames = strings("extra-app-names", IDENTIFIER, "a Python identifier");
  if ("extra-server-calls" in entries) config.extraServerCalls = strings("extra-server-calls", DOTTED, "a dotted name such as `myproject.serve`");
  if ("report-rules" in entries) config.reportRules = strings("report-rules", /^\S+$/, "a rule id (no spaces)");
  if ("unsafe-fixes" in entries) {
    if (typeof entries["unsafe-fixes"] !== "boolean") fail("unsafe-fixes", "`unsafe-fixes` must be true or false");
    config.unsafeFixes = entries["unsafe-fixes"] as boolean;
  }
  if ("extend" in entries) {
    if (typeof entries.extend !== "string" || entries.extend === "") fail("extend", "`extend` must be the path of another pyproject.toml");
    config.extend = entries.extend as string;
  }
  return config;
}
