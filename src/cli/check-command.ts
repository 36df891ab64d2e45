import { relative } from "node:path";
import type { Colors } from "../output/colors.js";
import { formatGithub } from "../output/github.js";
import { formatJson } from "../output/json.js";
import { colorPatch, unifiedPatch } from "../output/patch.js";
import { formatSarif } from "../output/sarif.js";
import { filePatches } from "../output/file-patches.js";
import { formatFindings } from "../output/text.js";
import type { FileResult } from "../file-result.js";
import { progressBar } from "./progress.js";
import { processFiles, type RunnerSettings } from "../run/run-files.js";
import type { WorkerPool } from "../run/worker-pool.js";
import { remainingFindings, summaryLine, totals, type Mode } from "./summary.js";
import type { RuleDoc } from "../types.js";
import { writeIfUnchanged } from "../output/write-source.js";
import { cleanTreeGuard, uncommittedMessage } from "./clean-tree.js";
import { writeSplit, type SplitBy } from "../output/split.js";
import { workTreeTop } from "../git/files.js";
import type { FromReport } from "../report/outcome.js";
import type { Format } from "./invocation.js";

export interface CheckSettings {
  mode: Mode;
  format: Format;
  /** --unsafe-fixes or --no-unsafe-fixes, over every file's settings. */
  unsafeFixes?: boolean;
  /** --config: the one pyproject.toml every file uses. */
  configPath?: string;
  jobs: number;
  verbose: boolean;
  quiet: boolean;
  /** Colours for stdout (findings, patches, the review). */
  out: Colors;
  rules: readonly RuleDoc[];
  version: string;
  /** Fix files with uncommitted changes too (otherwise, in a git work tree, they are left alone). */
  allowDirty: boolean;
  /** With --dry-run: the patches go to files in `out`, one per owner or package, not to stdout. */
  split?: { by: SplitBy; out: string };
  /** --from-report: the report and what the run takes from it. */
  fromReport?: FromReport;
  /** The pyproject.toml whose table applies to a file, as the run's discovery resolved it. */
  tableOf?: (path: string) => string | undefined;
}

/** What the workers need to know, from the run's settings. */
export function runnerSettings(settings: CheckSettings): RunnerSettings {
  const fromReport = settings.fromReport;
  const run = {
    fix: settings.mode !== "report",
    // A report's own SARIF and JSON carry verdicts, not mainguard's fixes.
    describeFixes: !fromReport && (settings.format === "json" || settings.format === "sarif"),
    ...(fromReport ? { reported: fromReport.sites, allFindings: fromReport.allFindings } : {}),
  };
  return { jobs: settings.jobs, unsafeFixes: settings.unsafeFixes, configPath: settings.configPath, run, tableOf: settings.tableOf };
}

export const EXIT = { clean: 0, pending: 1, error: 2, interrupted: 130, terminated: 143 } as const;

/**
 * Ctrl-C or SIGTERM during a run: the file being written is finished (or, if the write-file-atomic
 * cleanup removed its temporary, left as it was), nothing more is written, and the run ends with
 * the summary and 130 or 143.
 */
function watchSignals(): { signal: () => NodeJS.Signals | undefined; stop: () => void } {
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    received ??= signal;
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: () => received,
    stop: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

/**
 * Checks `files` (sorted) in the given mode, prints as it goes (in path order), writes what the
 * mode allows, and returns the exit code. `fatalBefore` says a command-line path was missing.
 */
export async function runCheck(files: readonly string[], settings: CheckSettings, fatalBefore: boolean, pool?: WorkerPool): Promise<number> {
  const { mode, format } = settings;
  const results: FileResult[] = [];
  const written = new Set<string>();
  let fatal = fatalBefore;
  const note = (file: FileResult, message: string) => process.stderr.write(`mainguard: ${file.path}: ${message}\n`);

  const uncommitted = mode === "write" || mode === "interactive" ? (settings.allowDirty ? () => undefined : cleanTreeGuard(process.cwd())) : undefined;
  const dirty = new Set<string>();
  /** Whether the file holds uncommitted work, said once: it is then not written. */
  const refusedAsDirty = (file: FileResult) => {
    const state = uncommitted?.(file.path);
    if (state && !dirty.has(file.path)) {
      dirty.add(file.path);
      note(file, uncommittedMessage(state));
    }
    return state !== undefined;
  };
  const write = async (file: FileResult) => {
    if (refusedAsDirty(file)) return;
    const outcome = await writeIfUnchanged(file.path, file.change!.original, file.change!.output);
    if (outcome.written) written.add(file.path);
    else {
      note(file, outcome.reason);
      fatal ||= outcome.reason.startsWith("cannot");
    }
  };
  const printFindings = (file: FileResult) => {
    // From a report, the verdicts are printed at the end instead.
    if (file.findings.length === 0 || settings.fromReport) return;
    const remaining = { ...file, findings: remainingFindings(file, written) };
    if (format === "text") process.stdout.write(formatFindings(remaining, settings.out, settings.verbose));
    else if (format === "github") process.stdout.write(formatGithub(remaining));
  };

  const progress = progressBar(files.length, process.stderr, !settings.quiet);
  const handle = async (file: FileResult) => {
    results.push(file);
    if (file.problem) {
      progress.done();
      note(file, file.problem.message);
      fatal ||= file.problem.fatal;
    }
    if (mode === "dry-run") {
      // stdout holds one format: the patch (text), annotations (github), or a document at the end.
      if (format === "text" && file.change && !settings.split) process.stdout.write(colorPatch(unifiedPatch(file.path, file.change.original, file.change.output), settings.out));
      if (format === "github") printFindings(file);
      return;
    }
    if (mode === "interactive") return;
    if (mode === "write" && file.change) await write(file);
    printFindings(file);
  };

  const signals = watchSignals();
  // Files whose results were all handled: clean files are only counted.
  let checked = 0;
  checking: for await (const batch of processFiles(files, runnerSettings(settings), () => progress.tick(), pool)) {
    for (const file of batch.results) {
      if (signals.signal()) break checking;
      await handle(file);
    }
    checked += batch.files;
    if (signals.signal()) break;
  }
  progress.done();

  let ending: "finished" | "quit" | "interrupted" = "finished";
  if (mode === "interactive" && !signals.signal()) {
    const { reviewChanges } = await import("./review.js");
    // Files with uncommitted work are not offered.
    const offered = results.filter((file) => file.change && !refusedAsDirty(file));
    ending = await reviewChanges(offered, settings.out, write);
    for (const file of results) printFindings(file);
  }

  if (settings.split && !signals.signal()) {
    const cwd = process.cwd();
    const { patches } = writeSplit(results, settings.split.by, settings.split.out, workTreeTop(cwd) ?? cwd, cwd);
    const where = relative(cwd, settings.split.out) || ".";
    process.stderr.write(`mainguard: ${patches.length} patch${patches.length === 1 ? "" : "es"} in ${where}, listed in index.md and index.json\n`);
  }

  const kept = results.map((file) => ({ ...file, findings: remainingFindings(file, written) }));
  const outcome = settings.fromReport && !signals.signal() ? (await import("./verdict-output.js")).reportOutcome(settings.fromReport, results, written, settings) : undefined;
  // From a report, the verdicts were printed instead.
  // Only a dry run's JSON and SARIF carry the patches (the text dry run printed them already).
  const patches = mode === "dry-run" && (format === "json" || format === "sarif") ? filePatches(results) : undefined;
  if (!outcome && format === "json") process.stdout.write(formatJson(kept, patches));
  if (!outcome && format === "sarif") process.stdout.write(formatSarif(kept, settings.rules, settings.version, patches));

  signals.stop();
  const signal = signals.signal();
  const sum = totals(checked, results, written, dirty);
  const stopped = signal ? ` Stopped by ${signal} after ${checked} of ${files.length} files; every file is as it was or fully fixed.` : "";
  // A summary on Ctrl-C even with -q: the user must learn what was written.
  if (!settings.quiet || signal) {
    const line = outcome ? outcome.summary : summaryLine(sum, mode);
    process.stderr.write(line + (ending === "quit" ? " Quit before the end of the review." : "") + stopped + "\n");
  }
  if (signal) return signal === "SIGTERM" ? EXIT.terminated : EXIT.interrupted;
  if (ending === "interrupted") return EXIT.interrupted;
  if (fatal) return EXIT.error;
  // From a report, what is pending is what the report named and mainguard can fix.
  const pending = outcome ? outcome.pending : kept.reduce((count, file) => count + file.findings.length, 0);
  return pending > 0 ? EXIT.pending : EXIT.clean;
}
