import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { makeTree, runCli } from "./cli-utils.js";
import { banditJson, codeqlSarif, ruffSarif, semgrepSarif } from "./report/reports.js";
import { EXPECTED, SITES, TREE } from "./report/tree.js";

interface Entry {
  path: string;
  line: number;
  rule_id: string;
  verdict: string;
  fix: string | null;
}

/** A copy of TREE with `report` written beside it as `name`. */
function treeWith(name: string, report: (root: string) => object): string {
  const root = makeTree(TREE);
  writeFileSync(join(root, name), JSON.stringify(report(root), null, 2));
  return root;
}

/** Every file of the tree, by path, as bytes. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name).slice(root.length + 1)] = readFileSync(join(entry.parentPath, entry.name), "latin1");
  }
  return files;
}

/** What a report without the bind-all sites (CodeQL's) leads to. */
const WITHOUT_BIND_ALL = Object.fromEntries(
  Object.entries(EXPECTED).filter(([key]) => SITES.find((site) => `${site.path}:${site.line}` === key)!.concern !== "bind-all"),
);

const verdicts = (stdout: string) => Object.fromEntries((JSON.parse(stdout) as Entry[]).map((entry) => [`${entry.path}:${entry.line}`, entry.verdict]));

const REPORTS: Array<[string, string, (root: string) => object, Record<string, string>]> = [
  ["semgrep's SARIF (relative URIs on an undeclared %SRCROOT%)", "semgrep.sarif", semgrepSarif, EXPECTED],
  ["CodeQL's SARIF (originalUriBaseIds, artifacts and rules by index, two locations in one result)", "codeql.sarif", codeqlSarif, WITHOUT_BIND_ALL],
  ["ruff's SARIF (absolute file:// URIs)", "ruff.sarif", ruffSarif, EXPECTED],
  ["bandit's JSON report", "bandit.json", banditJson, EXPECTED],
];

describe("--from-report: each result gets the verdict its line deserves", () => {
  for (const [what, name, report, expected] of REPORTS) {
    it(`from ${what}`, () => {
      const root = treeWith(name, report);
      const result = runCli(["--from-report", name, "--format", "json"], root);
      expect(verdicts(result.stdout)).toEqual(expected);
      expect(JSON.parse(result.stdout)).toHaveLength(Object.keys(expected).length);
      expect(result.stderr).toContain("Left out: 1 result of other rules.");
      expect(result.code).toBe(1);
    });
  }

  it("reads the report from another folder: CodeQL's declared base locates the files, whatever the current directory", () => {
    const root = makeTree(TREE);
    const elsewhere = mkdtempSync(join(tmpdir(), "mainguard-reports-"));
    writeFileSync(join(elsewhere, "codeql.sarif"), JSON.stringify(codeqlSarif(root)));
    const result = runCli(["--from-report", join(elsewhere, "codeql.sarif"), "--format", "json"], join(root, "svc"));
    expect(verdicts(result.stdout)).toEqual(Object.fromEntries(Object.entries(WITHOUT_BIND_ALL).map(([key, verdict]) => [key.replace(/^svc\//, ""), verdict])));
  });

  it("prints the verdicts grouped, with counts, and the summary line", () => {
    const root = treeWith("bandit.json", banditJson);
    const result = runCli(["--from-report", "bandit.json"], root);
    expect(result.stdout).toBe(EXPECTED_TEXT);
    expect(result.stderr).toBe(
      [
        "mainguard: svc/broken.py: skipped: syntax error on line 3, column 1: invalid syntax",
        "18 reported: 4 fixable (3 with --write, 1 needs --unsafe-fixes), 2 silenced, 2 at import time with no fix, 2 already guarded, 2 in a function, 2 not a server start, 2 stale, 2 unparsable. Left out: 1 result of other rules.",
        "",
      ].join("\n"),
    );
    expect(result.code).toBe(1);
  });
});

/** partial.py with only its reported start (line 5) guarded: the one on line 9 was not named. */
const PARTIAL_FIXED = [
  "from flask import Flask",
  "",
  "app = Flask(__name__)",
  "",
  'if __name__ == "__main__":',
  "    app.run(port=5000)",
  "",
  'print("between")',
  "",
  "app.run(port=5001)",
  "",
].join("\n");

interface JsonEdit {
  content: string;
  location: { row: number; column: number };
  end_location: { row: number; column: number };
}

/** `text` with the edits of mainguard's JSON output applied (rows and columns from 1, in UTF-16 code units). */
function applyJsonEdits(text: string, edits: JsonEdit[]): string {
  const starts = [0, ...[...text.matchAll(/\n/g)].map((match) => match.index! + 1)];
  const offset = (at: { row: number; column: number }) => starts[at.row - 1]! + at.column - 1;
  let out = text;
  for (const edit of [...edits].sort((a, b) => offset(b.location) - offset(a.location))) {
    out = out.slice(0, offset(edit.location)) + edit.content + out.slice(offset(edit.end_location));
  }
  return out;
}

describe("--from-report with --write, --dry-run and --all-findings", () => {
  it("changes what --write changes for the fixable results, byte for byte, and nothing else", () => {
    const fromReport = treeWith("semgrep.sarif", semgrepSarif);
    const before = snapshot(fromReport);
    const result = runCli(["--from-report", "semgrep.sarif", "--write"], fromReport);
    // Every finding of app.py and serve.py is named; --write on them alone is the reference.
    const reference = makeTree(TREE);
    expect(runCli(["--write", "svc/app.py", "svc/serve.py"], reference).code).toBe(1);
    const after = snapshot(fromReport);
    expect(after["svc/app.py"]).toBe(readFileSync(join(reference, "svc/app.py"), "latin1"));
    expect(after["svc/serve.py"]).toBe(readFileSync(join(reference, "svc/serve.py"), "latin1"));
    expect(after["svc/app.py"]).not.toBe(before["svc/app.py"]);
    expect(after["svc/partial.py"]).toBe(PARTIAL_FIXED);
    // That is the fix mainguard describes for the line-5 finding alone.
    const findings = JSON.parse(runCli(["--format", "json", "svc/partial.py"], reference).stdout) as Array<{ location: { row: number }; fix: { edits: JsonEdit[] } }>;
    expect(applyJsonEdits(TREE["svc/partial.py"]!, findings.find((finding) => finding.location.row === 5)!.fix.edits)).toBe(PARTIAL_FIXED);
    const untouched = Object.keys(before).filter((path) => !["svc/app.py", "svc/serve.py", "svc/partial.py"].includes(path));
    for (const path of untouched) expect([path, after[path]]).toEqual([path, before[path]]);
    expect(result.stderr).toContain("18 reported: 4 fixable (3 fixed, 1 needs --unsafe-fixes), ");
    // The unsafe fix is still pending.
    expect(result.code).toBe(1);
  });

  it("with --unsafe-fixes fixes all four and exits 0; --all-findings fixes what --write fixes", () => {
    const root = treeWith("semgrep.sarif", semgrepSarif);
    const result = runCli(["--from-report", "semgrep.sarif", "--write", "--unsafe-fixes"], root);
    expect(result.stderr).toContain("18 reported: 4 fixable (fixed), ");
    expect(result.code).toBe(0);
    const all = treeWith("semgrep.sarif", semgrepSarif);
    runCli(["--from-report", "semgrep.sarif", "--write", "--all-findings"], all);
    const reference = makeTree(TREE);
    runCli(["--write", "svc/partial.py"], reference);
    expect(readFileSync(join(all, "svc/partial.py"), "latin1")).toBe(readFileSync(join(reference, "svc/partial.py"), "latin1"));
    expect(readFileSync(join(all, "svc/partial.py"), "latin1")).not.toBe(PARTIAL_FIXED);
  });

  it("--dry-run prints the patch of the reported fixes only, and the verdicts on stderr", () => {
    const root = treeWith("bandit.json", banditJson);
    const result = runCli(["--from-report", "bandit.json", "--dry-run", "svc/partial.py"], root);
    expect(result.stdout).toBe(
      [
        "--- a/svc/partial.py",
        "+++ b/svc/partial.py",
        "@@ -2,7 +2,8 @@",
        " ",
        " app = Flask(__name__)",
        " ",
        "-app.run(port=5000)",
        '+if __name__ == "__main__":',
        "+    app.run(port=5000)",
        " ",
        ' print("between")',
        " ",
        "",
      ].join("\n"),
    );
    expect(result.stderr).toBe(
      [
        "fixable (1)",
        "  svc/partial.py:5:1: B201 `app.run(...)` starts the Flask development server whenever the module is imported (MG001); in the patch",
        "1 reported: 1 fixable (in the patch). Left out: 1 result of other rules, 17 outside the paths given.",
        "",
      ].join("\n"),
    );
    expect(result.code).toBe(1);
    expect(readFileSync(join(root, "svc/partial.py"), "latin1")).toBe(TREE["svc/partial.py"]);
  });
});

describe("--from-report in worker threads", () => {
  it("gives the workers each file's reported lines, and fixes only those", () => {
    const files: Record<string, string> = {};
    const start = (port: number) => `from flask import Flask\n\napp = Flask(__name__)\napp.run(port=${port})\napp.run(port=1)\n`;
    for (let i = 0; i < 24; i++) files[`s${i}.py`] = start(i + 2);
    const root = makeTree(files);
    const results = Object.keys(files).map((filename) => ({ filename, line_number: 4, test_id: "B201", issue_text: "debug" }));
    writeFileSync(join(root, "bandit.json"), JSON.stringify({ errors: [], generated_at: "2026-12-03T10:00:00Z", metrics: {}, results }));
    const result = runCli(["--jobs", "3", "--from-report", "bandit.json", "--write"], root);
    expect(result.stderr).toBe("24 reported: 24 fixable (fixed).\n");
    expect(result.code).toBe(0);
    for (let i = 0; i < 24; i++) {
      expect(readFileSync(join(root, `s${i}.py`), "utf8")).toBe(`from flask import Flask\n\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(port=${i + 2})\napp.run(port=1)\n`);
    }
  });
});

describe("--from-report refuses a report that does not fit the code: one line, exit 2, nothing written", () => {
  const refuse = (report: string | object, message: string) => {
    const root = makeTree(TREE);
    writeFileSync(join(root, "report.json"), typeof report === "string" ? report : JSON.stringify(report, null, 2));
    const before = snapshot(root);
    const result = runCli(["--from-report", "report.json", "--write"], root);
    expect(result.stderr).toBe(`mainguard: error: ${message}\n`);
    expect(result.stdout).toBe("");
    expect(result.code).toBe(2);
    expect(snapshot(root)).toEqual(before);
  };
  const bandit = (filename: string, line: number) => ({ ...banditJson(), results: [...(banditJson() as { results: object[] }).results, { filename, line_number: line, test_id: "B201", issue_text: "debug" }] });

  it("a file that does not exist", () => {
    refuse(bandit("./svc/gone.py", 3), "report.json: names ./svc/gone.py, which does not exist (looked under the report's folder and the current directory)");
  });

  it("a line past the end of the file", () => {
    refuse(bandit("./svc/partial.py", 40), "report.json: B201 at svc/partial.py:40, but the file has 9 lines: the report is not of this code");
  });

  it("malformed JSON", () => {
    refuse('{\n  "version": "2.1.0",\n  "runs": [\n', "report.json: not valid JSON (Unexpected end of JSON input)");
    refuse('{\n  "version": "2.1.0",\n  "runs": [}\n', "report.json: not valid JSON (Unexpected token '}')");
    refuse('{\n  "version": "2.1.0",\n  "runs": [1 2]\n}\n', "report.json:3: not valid JSON (Expected ',' or ']' after array element)");
  });

  it("a SARIF log of another version, or no report at all", () => {
    refuse({ ...semgrepSarif(), version: "2.0.0" }, 'report.json: a SARIF log of version "2.0.0"; mainguard reads SARIF 2.1.0');
    refuse({ results: [] }, "report.json: not a SARIF log or a bandit JSON report");
  });
});

describe("--from-report reads SARIF's ways of naming a file", () => {
  it("follows a base declared on another base, decodes percent-escapes, and annotates for GitHub", () => {
    const root = makeTree({ "svc/my app.py": TREE["svc/app.py"]! });
    const location = (line: number) => ({ physicalLocation: { artifactLocation: { uri: "my%20app.py", uriBaseId: "SRC" }, region: { startLine: line } } });
    const log = {
      version: "2.1.0",
      runs: [
        {
          tool: { driver: { name: "CodeQL" } },
          originalUriBaseIds: { SRC: { uri: "svc/", uriBaseId: "%SRCROOT%" }, "%SRCROOT%": { uri: `${pathToFileURL(root).href}/` } },
          results: [14, 17].map((line) => ({ ruleId: "py/flask-debug", message: { text: "debug" }, locations: [location(line)] })),
        },
      ],
    };
    const elsewhere = mkdtempSync(join(tmpdir(), "mainguard-reports-"));
    writeFileSync(join(elsewhere, "codeql.sarif"), JSON.stringify(log));
    const result = runCli(["--from-report", join(elsewhere, "codeql.sarif"), "--format", "github"], root);
    expect(result.stdout).toBe(
      [
        "::warning file=svc/my app.py,line=14,title=mainguard%3A py/flask-debug fixable::`app.run(...)` starts the Flask development server whenever the module is imported (MG001)",
        '::notice file=svc/my app.py,line=17,title=mainguard%3A py/flask-debug guarded::`app.run(...)` runs only under the `if __name__ == "__main__":` on line 16; its debugger is still exposed on every interface (MG101)',
        "",
      ].join("\n"),
    );
    expect(result.code).toBe(1);
  });
});

describe("--from-report --format sarif: the scanner's log, to upload in its place", () => {
  it("drops the results mainguard fixed, notes its verdict on the others, and leaves other rules' results as they were", () => {
    const root = treeWith("semgrep.sarif", semgrepSarif);
    const result = runCli(["--from-report", "semgrep.sarif", "--write", "--format", "sarif"], root);
    const input = semgrepSarif() as { runs: Array<{ results: Array<{ message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    const output = JSON.parse(result.stdout) as typeof input & { runs: Array<{ results: Array<{ properties: Record<string, string> }> }> };
    const where = (entry: (typeof input.runs)[0]["results"][0]) => `${entry.locations[0]!.physicalLocation.artifactLocation.uri}:${entry.locations[0]!.physicalLocation.region.startLine}`;
    const fixed = ["svc/app.py:14", "svc/serve.py:7", "svc/partial.py:5"];
    expect(output.runs[0]!.results.map(where)).toEqual(input.runs[0]!.results.map(where).filter((key) => !fixed.includes(key)));
    const byWhere = new Map(output.runs[0]!.results.map((entry, i) => [where(entry), { entry, original: input.runs[0]!.results.filter((r) => !fixed.includes(where(r)))[i]! }]));
    const guarded = byWhere.get("svc/app.py:17")!;
    expect(guarded.entry.properties["mainguard/verdict"]).toBe("guarded");
    expect(guarded.entry.message.text).toBe(
      `${guarded.original.message.text} [mainguard: guarded: \`app.run(...)\` runs only under the \`if __name__ == "__main__":\` on line 16; its debugger is still exposed on every interface (MG101)]`,
    );
    expect(byWhere.get("svc/serve.py:17")!.entry.properties["mainguard/verdict"]).toBe("fixable");
    // The eval-detected result is another rule's: byte for byte as semgrep wrote it.
    expect(byWhere.get("svc/app.py:3")!.entry).toEqual(byWhere.get("svc/app.py:3")!.original);
    // Everything but the results is the scanner's own.
    expect({ ...output, runs: output.runs.map((run) => ({ ...run, results: [] })) }).toEqual({ ...input, runs: input.runs.map((run) => ({ ...run, results: [] })) });
  });

  it("turns bandit's JSON into the SARIF log bandit writes, with the same rule ids", () => {
    const root = treeWith("bandit.json", banditJson);
    const log = JSON.parse(runCli(["--from-report", "bandit.json", "--format", "sarif", "svc/app.py"], root).stdout);
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0].tool.driver.name).toBe("Bandit");
    expect(log.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(["B201", "B104", "B101"]);
    const results = log.runs[0].results as Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>; properties: Record<string, string> }>;
    expect(results).toHaveLength(SITES.length + 1);
    const app14 = results.find((entry) => entry.locations[0]!.physicalLocation.artifactLocation.uri === "svc/app.py" && entry.locations[0]!.physicalLocation.region.startLine === 14)!;
    expect([app14.ruleId, app14.level, app14.properties["mainguard/verdict"]]).toEqual(["B201", "error", "fixable"]);
    // Outside the paths given: kept, not judged.
    const stale = results.find((entry) => entry.locations[0]!.physicalLocation.artifactLocation.uri === "svc/stale.py")!;
    expect(stale.properties["mainguard/verdict"]).toBeUndefined();
  });
});

describe("--from-report with more rules and a real scanner", () => {
  it("takes the rule ids [tool.mainguard] report-rules adds", () => {
    const root = makeTree({ ...TREE, "pyproject.toml": '[tool.mainguard]\nreport-rules = ["acme.flask-start"]\n' });
    const report = banditJson() as { results: Array<Record<string, unknown>> };
    report.results = report.results.map((entry) => ({ ...entry, test_id: "acme.flask-start" }));
    writeFileSync(join(root, "acme.json"), JSON.stringify(report));
    const result = runCli(["--from-report", "acme.json", "--format", "json"], root);
    expect(JSON.parse(result.stdout)).toHaveLength(SITES.length + 1);
    expect(verdicts(result.stdout)["svc/app.py:14"]).toBe("fixable");
    expect(verdicts(result.stdout)["svc/app.py:3"]).toBe("not-a-server");
    const without = treeWith("acme.json", () => report);
    expect(runCli(["--from-report", "acme.json"], without).stderr).toBe("0 reported. Left out: 19 results of other rules.\n");
  });

  const bandit = spawnSync("bandit", ["--version"]).status === 0;
  if (!bandit) console.log("bandit is not installed: the real bandit run is skipped");
  it.skipIf(!bandit)("feeds a real `bandit -f json` report back and gets the expected verdicts", () => {
    const root = makeTree(TREE);
    // bandit exits 1 when it finds something; it cannot parse broken.py and says so in `errors`.
    const scan = spawnSync("bandit", ["-f", "json", "-r", "svc", "-o", "bandit.json"], { cwd: root, encoding: "utf8" });
    expect(scan.status).toBe(1);
    const report = JSON.parse(readFileSync(join(root, "bandit.json"), "utf8")) as { results: Array<{ test_id: string }> };
    expect(report.results.filter((entry) => entry.test_id === "B201")).toHaveLength(6);
    const result = runCli(["--from-report", "bandit.json", "--format", "json"], root);
    const judged = verdicts(result.stdout);
    // B201 flags each `debug=True`; bandit versions that also report B104 add lines judged the same way.
    expect(Object.fromEntries((JSON.parse(result.stdout) as Entry[]).filter((entry) => entry.rule_id === "B201").map((entry) => [`${entry.path}:${entry.line}`, entry.verdict]))).toEqual(
      Object.fromEntries(["svc/app.py:7", "svc/app.py:11", "svc/app.py:14", "svc/app.py:17", "svc/serve.py:7", "svc/serve.py:11"].map((key) => [key, EXPECTED[key]])),
    );
    for (const [key, verdict] of Object.entries(judged)) expect([key, verdict]).toEqual([key, EXPECTED[key]]);
    expect(result.code).toBe(1);
    expect(runCli(["--from-report", "bandit.json", "--write"], root).code).toBe(0);
    expect(readFileSync(join(root, "svc/app.py"), "utf8")).toContain('if __name__ == "__main__":\n    app.run(debug=True)\n');
  });
});

describe("docs/reports.md's worked example", () => {
  it("runs on examples/ as docs/reports.md shows it", () => {
    const readme = readFileSync(join(import.meta.dirname, "../docs/reports.md"), "utf8");
    const block = readme.slice(readme.indexOf("$ mainguard --from-report examples/semgrep.sarif"));
    const session = block.slice(0, block.indexOf("```")).trimEnd().split("\n");
    const root = mkdtempSync(join(tmpdir(), "mainguard-examples-"));
    cpSync(join(import.meta.dirname, "../examples"), join(root, "examples"), { recursive: true });
    // Each command's shown lines, "..." standing for lines left out, must be what it prints.
    const commands = session.flatMap((line, i) => (line.startsWith("$ ") ? [i] : []));
    expect(commands).toHaveLength(2);
    for (const [k, start] of commands.entries()) {
      const args = session[start]!.slice("$ mainguard ".length).split(" ");
      const shown = session.slice(start + 1, commands[k + 1] ?? session.length);
      const result = runCli(args, root);
      const printed = (result.stdout + result.stderr).trimEnd().split("\n");
      let at = 0;
      for (const line of shown) {
        if (line.trim() === "...") continue;
        const found = printed.indexOf(line, at);
        expect([args.join(" "), line, found >= 0]).toEqual([args.join(" "), line, true]);
        at = found + 1;
      }
      expect(printed[printed.length - 1]).toBe(shown[shown.length - 1]);
    }
  });
});

const EXPECTED_TEXT = [
  "fixable (4)",
  "  svc/app.py:14:1: B201 `app.run(...)` starts the Flask development server whenever the module is imported (MG001); fixable with --write",
  "  svc/partial.py:5:1: B201 `app.run(...)` starts the Flask development server whenever the module is imported (MG001); fixable with --write",
  "  svc/serve.py:7:1: B201 `app.run(...)` starts the Flask development server whenever the module is imported through `start()` on line 14 (MG003); fixable with --write",
  "  svc/serve.py:17:1: B104 `app.run(...)` starts the Flask development server whenever the module is imported (MG002); needs --unsafe-fixes",
  "silenced by # mainguard: ignore (2)",
  "  svc/quiet.py:4:1: B201 `app.run(...)` runs at import time, but its MG001 finding on line 4 is silenced by `# mainguard: ignore`",
  "  svc/quiet.py:5:1: B201 `app.run(...)` runs at import time, but its MG001 finding on line 5 is silenced by `# mainguard: ignore`",
  "at import time, no fix (2)",
  "  svc/odd.py:7:1: B201 `app.run(...)` runs at import time in the body of class `Server`, which mainguard cannot move under a guard",
  "  svc/odd.py:10:1: B201 `app.run(...)` runs at import time inside a larger statement, which mainguard cannot move under a guard",
  "already guarded (2)",
  "  svc/app.py:7:1: B201 `app.run(...)` is in `main`, which runs only from the `if __name__ == \"__main__\":` on line 16",
  "  svc/app.py:17:1: B201 `app.run(...)` runs only under the `if __name__ == \"__main__\":` on line 16; its debugger is still exposed on every interface (MG101)",
  "in a function (2)",
  "  svc/app.py:11:1: B201 `app.run(...)` is in `unused`, which nothing calls at import time; its debugger is still exposed on every interface (MG101)",
  "  svc/serve.py:11:1: B201 `app.run(...)` is in `later`, which nothing calls at import time",
  "not a server start (2)",
  "  svc/serve.py:21:1: B104 the host \"0.0.0.0\" on line 21 is not an argument of a server start",
  "  svc/serve.py:22:1: B201 `app.logger.info(...)` is not a server start mainguard knows",
  "stale (2)",
  "  svc/stale.py:3:1: B201 line 3 holds no call: the report is older than the code",
  "  svc/stale.py:5:1: B201 line 5 holds no call: the report is older than the code",
  "unparsable (2)",
  "  svc/broken.py:3:1: B201 syntax error on line 3: invalid syntax",
  "  svc/broken.py:4:1: B201 syntax error on line 3: invalid syntax",
  "",
].join("\n");
