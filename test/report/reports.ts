/**
 * Reports on TREE in the shapes the scanners write them (fields, nesting and URIs as semgrep 1.x
 * `--sarif`, CodeQL `database analyze --format=sarif-latest`, ruff `--output-format sarif` and
 * bandit `-f json` do), each with results of an unrelated rule that `--from-report` must leave out.
 */
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { SITES } from "./tree.js";

const SEMGREP_RULE = { debug: "python.flask.security.audit.debug-enabled.debug-enabled", "bind-all": "python.flask.security.audit.app-run-param-config.avoid_app_run_with_bad_host" };
const SEMGREP_EVAL = "python.lang.security.audit.eval-detected.eval-detected";

/** semgrep: relative URIs on %SRCROOT%, which it does not declare (the report's folder is the root). */
export function semgrepSarif(): object {
  const result = (ruleId: string, path: string, line: number) => ({
    fingerprints: { "matchBasedId/v1": `${ruleId}:${path}:${line}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: path, uriBaseId: "%SRCROOT%" },
          region: { endColumn: 24, endLine: line, snippet: { text: "app.run(debug=True)" }, startColumn: 1, startLine: line },
        },
      },
    ],
    message: { text: "Detected Flask app with debug=True. Do not deploy to production with this flag enabled as it will leak sensitive information." },
    properties: {},
    ruleId,
  });
  return {
    $schema: "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: [] }],
        results: [...SITES.map((site) => result(SEMGREP_RULE[site.concern], site.path, site.line)), result(SEMGREP_EVAL, "svc/app.py", 3)],
        tool: {
          driver: {
            name: "Semgrep OSS",
            rules: [...Object.values(SEMGREP_RULE), SEMGREP_EVAL].map((id) => ({
              defaultConfiguration: { level: "warning" },
              fullDescription: { text: id },
              id,
              name: id,
              properties: { precision: "very-high", tags: ["CWE-489: Active Debug Code", "security"] },
              shortDescription: { text: `Semgrep Finding: ${id}` },
            })),
            semanticVersion: "1.95.0",
          },
        },
      },
    ],
  };
}

/**
 * CodeQL: artifacts by index, `rule.index` into the driver's rules (one result has no `ruleId`,
 * only that), `%SRCROOT%` declared in `originalUriBaseIds` as a `file:` URI, and one result with
 * two locations (the first two sites). CodeQL has no rule on binding every interface: the
 * bind-all sites are not in it.
 */
export function codeqlSarif(root: string): object {
  const paths = [...new Set(SITES.map((site) => site.path))];
  const location = (path: string, line: number) => ({
    physicalLocation: { artifactLocation: { uri: path, uriBaseId: "%SRCROOT%", index: paths.indexOf(path) }, region: { startLine: line, startColumn: 1, endColumn: 20 } },
  });
  const result = (ruleIndex: number, locations: object[], withId = true) => ({
    ...(withId ? { ruleId: ["py/flask-debug", "py/stack-trace-exposure"][ruleIndex] } : {}),
    rule: { ...(withId ? { id: ["py/flask-debug", "py/stack-trace-exposure"][ruleIndex] } : {}), index: ruleIndex, toolComponent: { index: 0 } },
    message: { text: "A Flask app appears to be run in debug mode. This may allow an attacker to run arbitrary code through the debugger." },
    locations,
    partialFingerprints: { primaryLocationLineHash: "1b5e3d2f9c0a7e64:1", primaryLocationStartColumnFingerprint: "0" },
  });
  const [first, second, ...rest] = SITES.filter((site) => site.concern !== "bind-all");
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "CodeQL",
            organization: "GitHub",
            semanticVersion: "2.19.3",
            rules: [
              { id: "py/flask-debug", name: "py/flask-debug", shortDescription: { text: "Flask app is run in debug mode" }, properties: { tags: ["security", "external/cwe/cwe-215", "external/cwe/cwe-489"] } },
              { id: "py/stack-trace-exposure", name: "py/stack-trace-exposure", shortDescription: { text: "Information exposure through an exception" } },
            ],
          },
        },
        invocations: [{ toolExecutionNotifications: [], executionSuccessful: true }],
        originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(root).href + "/" } },
        artifacts: paths.map((path, index) => ({ location: { uri: path, uriBaseId: "%SRCROOT%", index } })),
        results: [
          result(0, [location(first!.path, first!.line), location(second!.path, second!.line)]),
          ...rest.map((site, i) => result(0, [location(site.path, site.line)], i !== 0)),
          result(1, [location("svc/app.py", 3)]),
        ],
        columnKind: "utf16CodeUnits",
        properties: { semmle: { formatSpecifier: "sarif-latest" } },
      },
    ],
  };
}

/** ruff: absolute `file://` URIs. */
export function ruffSarif(root: string): object {
  const code = { debug: "S201", "bind-all": "S104" };
  const result = (ruleId: string, path: string, line: number) => ({
    level: "error",
    locations: [{ physicalLocation: { artifactLocation: { uri: pathToFileURL(join(root, path)).href }, region: { endColumn: 20, endLine: line, startColumn: 1, startLine: line } } }],
    message: { text: ruleId === "S104" ? "Possible binding to all interfaces" : "Use of `debug=True` in Flask app detected" },
    ruleId,
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    runs: [
      {
        results: [...SITES.map((site) => result(code[site.concern], site.path, site.line)), result("F401", "svc/app.py", 1)],
        tool: { driver: { informationUri: "https://github.com/astral-sh/ruff", name: "ruff", rules: [], version: "0.6.9" } },
      },
    ],
    version: "2.1.0",
  };
}

/** bandit: `./`-relative filenames (it ran in the root), 0-based columns. */
export function banditJson(): object {
  const test = { debug: ["B201", "flask_debug_true"], "bind-all": ["B104", "hardcoded_bind_all_interfaces"] } as const;
  const result = (testId: string, testName: string, path: string, line: number) => ({
    code: `${line} app.run(debug=True)\n`,
    col_offset: 0,
    filename: `./${path}`,
    issue_confidence: "MEDIUM",
    issue_severity: "HIGH",
    issue_text: "A Flask app appears to be run with debug=True, which exposes the Werkzeug debugger and allows the execution of arbitrary code.",
    line_number: line,
    line_range: [line],
    more_info: `https://bandit.readthedocs.io/en/latest/plugins/${testId.toLowerCase()}_${testName}.html`,
    test_id: testId,
    test_name: testName,
  });
  return {
    errors: [],
    generated_at: "2026-12-03T10:00:00Z",
    metrics: { _totals: { loc: 60, nosec: 0 } },
    results: [...SITES.map((site) => result(...test[site.concern], site.path, site.line)), result("B101", "assert_used", "svc/app.py", 3)],
  };
}
