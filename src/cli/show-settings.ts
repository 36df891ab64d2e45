import { dirname } from "node:path";
import type { Settings, SettingKey } from "../config/settings.js";
import { displayPath } from "../discover/discover.js";

/** The flags that override pyproject.toml. */
interface Flags {
  unsafeFixes?: boolean;
  exclude: string[];
  config?: string;
}

/**
 * What `--show-settings FILE` prints: each setting that applies to FILE, as TOML, and where it
 * comes from (a pyproject.toml, a flag, or the default).
 */
export function formatSettings(file: string, settings: Settings, cwd: string, flags: Flags): string {
  const shown = (path: string) => displayPath(path, cwd);
  const origin = (key: SettingKey) => {
    const path = settings.origins[key];
    return path ? shown(path) : "default";
  };
  const list = (values: readonly string[] | undefined) => `[${(values ?? []).map((value) => JSON.stringify(value)).join(", ")}]`;
  const lines: Array<[string, string]> = [];
  const exclude = settings.exclude[0];
  lines.push([`exclude = ${list(exclude?.patterns)}`, exclude ? `${origin("exclude")} (relative to ${shown(dirname(settings.origins.exclude!))}/)` : "default"]);
  if (flags.exclude.length > 0) lines.push([`exclude = ${list(flags.exclude)}`, `--exclude (relative to ${shown(cwd)}/)`]);
  lines.push([`extra-app-names = ${list(settings.catalog.extraAppNames)}`, origin("extra-app-names")]);
  lines.push([`extra-server-calls = ${list(settings.catalog.extraServerCalls)}`, origin("extra-server-calls")]);
  lines.push([`report-rules = ${list(settings.reportRules)}`, origin("report-rules")]);
  const unsafe = flags.unsafeFixes ?? settings.unsafeFixes;
  lines.push([`unsafe-fixes = ${unsafe}`, flags.unsafeFixes === undefined ? origin("unsafe-fixes") : flags.unsafeFixes ? "--unsafe-fixes" : "--no-unsafe-fixes"]);
  const source = flags.config !== undefined ? `${shown(settings.path!)} (--config)` : settings.path ? shown(settings.path) : "no pyproject.toml with [tool.mainguard]: the defaults";
  const width = Math.max(...lines.map(([text]) => text.length));
  return [`# settings for ${file}, from ${source}`, ...lines.map(([text, from]) => `${text.padEnd(width)}  # ${from}`)].join("\n") + "\n";
}
