import type { Concern } from "../types.js";

/** A scanner's rule that flags a server start, Werkzeug's debugger or a bind to every interface. */
export interface KnownRule {
  id: string;
  scanner: string;
  concern: Concern;
}

/**
 * The rules whose results `--from-report` takes; `[tool.mainguard] report-rules` adds more (as
 * "server-start" ones). Semgrep run from a local copy of its rules prefixes their folders to the
 * id, so a dotted id also matches at the end of a longer one.
 */
export const KNOWN_RULES: readonly KnownRule[] = [
  { id: "python.flask.security.audit.app-run-security-config.avoid_using_app_run_directly", scanner: "semgrep", concern: "server-start" },
  { id: "python.flask.security.audit.app-run-param-config.avoid_app_run_with_bad_host", scanner: "semgrep", concern: "bind-all" },
  { id: "python.flask.security.audit.debug-enabled.debug-enabled", scanner: "semgrep", concern: "debug" },
  { id: "py/flask-debug", scanner: "CodeQL", concern: "debug" },
  { id: "B201", scanner: "bandit", concern: "debug" },
  { id: "B104", scanner: "bandit", concern: "bind-all" },
  { id: "S201", scanner: "ruff", concern: "debug" },
  { id: "S104", scanner: "ruff", concern: "bind-all" },
];

/** What `ruleId` is about, if it is one of `rules` (or ends one of them at a dot); else undefined. */
export function concernOf(ruleId: string, rules: readonly KnownRule[]): Concern | undefined {
  for (const rule of rules) {
    if (ruleId === rule.id || (rule.id.includes(".") && ruleId.endsWith(`.${rule.id}`))) return rule.concern;
  }
  return undefined;
}
