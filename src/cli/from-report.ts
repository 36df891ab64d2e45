/** `--from-report FILE`: a scanner's report as the work list. Loaded only for such a run. */
import { checkAgainstFiles, readReport, resultsWithin } from "../report/read-report.js";
import { ReportError } from "../report/reported.js";
import { KNOWN_RULES } from "../report/rule-table.js";
import { resultsByPath, sitesOf } from "../report/outcome.js";
import { startWorkers, threadsFor } from "../run/run-files.js";
import { EXIT, runCheck, runnerSettings, type CheckSettings } from "./check-command.js";

export interface FromReportRequest {
  report: string;
  /** Paths on the command line: the report is narrowed to them. */
  paths: readonly string[];
  /** `[tool.mainguard] report-rules` of the current folder's settings. */
  reportRules: readonly string[];
  allFindings: boolean;
  showFiles: boolean;
  cwd: string;
  /** Says a one-line error on stderr. */
  fail: (message: string) => void;
}

/** Reads the report, checks the files it names (in `paths`) in the run's mode, and returns the exit code. */
export async function runFromReport(request: FromReportRequest, settings: CheckSettings): Promise<number> {
  const { cwd } = request;
  const rules = [...KNOWN_RULES, ...request.reportRules.map((id) => ({ id, scanner: "[tool.mainguard] report-rules", concern: "server-start" as const }))];
  try {
    const report = readReport(request.report, cwd, rules);
    const results = resultsWithin(report, request.paths, cwd);
    const byPath = resultsByPath(results, cwd);
    const files = [...byPath.keys()].sort();
    settings.fromReport = { report, byPath, sites: sitesOf(byPath), outside: report.taken.length - results.length, allFindings: request.allFindings };
    // The workers load while each file is checked against the report.
    const threads = request.showFiles ? 1 : threadsFor(files.length, settings.jobs);
    const pool = threads > 1 ? startWorkers(runnerSettings(settings), threads) : undefined;
    checkAgainstFiles(report, results, cwd);
    if (request.showFiles) {
      process.stdout.write(files.map((file) => `${file}\n`).join(""));
      return EXIT.clean;
    }
    return await runCheck(files, settings, false, pool);
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    request.fail(error.message);
    return EXIT.error;
  }
}
