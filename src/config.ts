import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { CatalogConfig } from "./catalog.js";

/** `[tool.mainguard]` in pyproject.toml. */
export interface Config extends CatalogConfig {
  /** The pyproject.toml it came from, if any. */
  path?: string;
  /** Gitignore-style patterns, relative to the pyproject.toml's directory. */
  exclude: string[];
  unsafeFixes?: boolean;
}

export class ConfigError extends Error {}

const KEYS = ["exclude", "extra-app-names", "extra-server-calls", "unsafe-fixes"];
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

function stringList(value: unknown, key: string, where: string, pattern?: RegExp, what?: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new ConfigError(`${where}: \`${key}\` must be a list of strings`);
  }
  const bad = pattern ? (value as string[]).find((item) => !pattern.test(item)) : undefined;
  if (bad !== undefined) throw new ConfigError(`${where}: \`${key}\`: "${bad}" is not ${what}`);
  return value as string[];
}

/** Validates a parsed `[tool.mainguard]` table; unknown keys and wrong types are errors. */
export function configFromTable(table: Record<string, unknown>, path: string): Config {
  const where = `${path}: [tool.mainguard]`;
  const unknown = Object.keys(table).find((key) => !KEYS.includes(key));
  if (unknown) throw new ConfigError(`${where}: unknown key \`${unknown}\` (known: ${KEYS.join(", ")})`);
  const config: Config = { path, exclude: [] };
  if ("exclude" in table) config.exclude = stringList(table.exclude, "exclude", where);
  if ("extra-app-names" in table) {
    config.extraAppNames = stringList(table["extra-app-names"], "extra-app-names", where, IDENTIFIER, "a Python identifier");
  }
  if ("extra-server-calls" in table) {
    config.extraServerCalls = stringList(table["extra-server-calls"], "extra-server-calls", where, DOTTED, "a dotted name such as `myproject.serve`");
  }
  if ("unsafe-fixes" in table) {
    if (typeof table["unsafe-fixes"] !== "boolean") throw new ConfigError(`${where}: \`unsafe-fixes\` must be true or false`);
    config.unsafeFixes = table["unsafe-fixes"];
  }
  return config;
}

/**
 * The configuration from the nearest pyproject.toml, at or above `directory`, that has a
 * `[tool.mainguard]` table; an empty one if there is none. A malformed file is an error.
 */
export async function loadConfig(directory: string): Promise<Config> {
  for (let dir = directory; ; dir = dirname(dir)) {
    const path = join(dir, "pyproject.toml");
    const text = await readFile(path, "utf8").catch(() => undefined);
    if (text !== undefined && /^\s*\[\s*tool\s*\.\s*mainguard\s*\]/m.test(text)) {
      // Parsed only when it concerns us: most runs never load the TOML parser.
      const { parse } = await import("smol-toml");
      let document: Record<string, unknown>;
      try {
        document = parse(text) as Record<string, unknown>;
      } catch (error) {
        throw new ConfigError(`${path}: not valid TOML: ${(error as Error).message.split("\n")[0]}`);
      }
      const table = (document.tool as Record<string, unknown> | undefined)?.mainguard;
      if (typeof table !== "object" || table === null || Array.isArray(table)) throw new ConfigError(`${path}: [tool.mainguard] must be a table`);
      return configFromTable(table as Record<string, unknown>, path);
    }
    if (dirname(dir) === dir) return { exclude: [] };
  }
}
