#!/usr/bin/env node
import { createRequire } from "node:module";
import { realpathSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { RULES, TRANSFORMS } from "../../transforms/index.js";
import { EXIT, runCheck, runnerSettings, type CheckSettings, type Format } from "./check-command.js";
import { createCatalog } from "../catalog.js";
import { colorsFor } from "../output/colors.js";
import { SettingsResolver, type Settings } from "../config/settings.js";
import { ConfigError } from "../config/table.js";
import { formatSettings } from "./show-settings.js";
import type { SplitBy } from "../output/split.js";
import { discoverFiles, type GitAwareDiscovery } from "../discover/git-discovery.js";
import { changedSince } from "../git/changes.js";
import { formatRule, formatRuleList } from "./rule-docs.js";
import { defaultJobs, startWorkers } from "../run/run-files.js";
import { runStdin } from "./stdin-mode.js";
import type { Mode } from "./summary.js";

/** The package's version: package.json is one level up from the bundle, two from this source file, three from its tsc build. */
function packageVersion(): string {
  const require = createRequire(import.meta.url);
  for (const candidate of ["../package.json", "../../package.json", "../../../package.json"]) {
    try {
      const json = require(candidate) as { name?: string; version?: string };
      if (json.name === "mainguard" && json.version) return json.version;
    } catch {
      // not at this level
    }
  }
  return "unknown";
}

const version = packageVersion();

interface Options {
  dryRun?: boolean;
  interactive?: boolean;
  write?: boolean;
  unsafeFixes?: boolean;
  format: Format;
  exclude: string[];
  ignore: boolean;
  git: boolean;
  changedSince?: string;
  allowDirty?: boolean;
  config?: string;
  showSettings?: string;
  splitBy?: SplitBy;
  out?: string;
  jobs?: number;
  verbose?: boolean;
  quiet?: boolean;
  color?: boolean;
  stdinFilename?: string;
  showFiles?: boolean;
  fromReport?: string;
  allFindings?: boolean;
}

const positiveInteger = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError("expected a whole number of at least 1");
  return number;
};

function program(): Command {
  return new Command("mainguard")
    .description('Find Python web-server starts that run at import time (a bare `app.run()`) and move them under\n`if __name__ == "__main__":`, changing nothing else in the file.')
    .usage("[options] [paths...]\n       mainguard rule [MGxxx]")
    .argument("[paths...]", "files and directories to check (default: .)")
    .option("--dry-run", "print a unified diff of every fix; change nothing")
    .option("-i, --interactive", "per file: show the diff and ask y (apply), n (skip), a (this and all remaining), q (quit)")
    .option("--write", "apply every fix")
    .option("--unsafe-fixes", "also apply unsafe fixes (MG002)")
    .option("--allow-dirty", "with --write or -i, also fix files with uncommitted changes or untracked")
    .option("--no-unsafe-fixes", "do not apply unsafe fixes, whatever pyproject.toml says")
    .addOption(new Option("--format <format>", "findings output").choices(["text", "json", "sarif", "github"]).default("text"))
    .option("--exclude <glob>", "gitignore-style pattern to skip, relative to this directory (repeatable)", (v: string, all: string[]) => [...all, v], [])
    .option("--no-ignore", "do not read .gitignore files or .git/info/exclude")
    .option("--no-git", "walk the folders instead of asking git for their files")
    .option("--changed-since <ref>", "only the files that differ from the merge-base of <ref> and HEAD (committed, staged, unstaged or untracked)")
    .option("--jobs <n>", "threads that check files (default: the number of cores)", positiveInteger)
    .option("-v, --verbose", "explain how each server start was recognised")
    .option("-q, --quiet", "no summary line or progress bar")
    .option("--color", "force colour")
    .option("--no-color", "never colour (NO_COLOR and FORCE_COLOR are honoured too)")
    .addOption(new Option("--split-by <by>", "with --dry-run and --out: one patch per owner (CODEOWNERS) or per package").choices(["owners", "package"]))
    .option("--out <dir>", "where --split-by writes its patches, index.md and index.json")
    .option("--from-report <file>", "check the files a scanner's report names (SARIF 2.1.0, or bandit -f json) and judge each result; fix only what it names")
    .option("--all-findings", "with --from-report, also fix the findings the report does not name in those files")
    .option("--show-files", "list the files that would be checked, and exit")
    .option("--config <path>", "use this pyproject.toml's [tool.mainguard] for every file (default: each file's nearest)")
    .option("--show-settings <file>", "print the settings that apply to <file> and where each comes from, and exit")
    .option("--stdin-filename <path>", "read one file from stdin and write the fixed source to stdout; <path> names it")
    .version(version, "--version")
    .addHelpText(
      "after",
      `
Examples:
  mainguard                            report findings under . (exit 1 if any)
  mainguard --dry-run services/ | git apply
                                       preview the fixes as a patch, then apply it with git
  mainguard -i services/billing        review each file's diff and answer y/n/a/q
  mainguard --write .                  fix every file in place
  mainguard --changed-since origin/main
                                       only the files this branch changed (a pull request)
  mainguard --format sarif . > mainguard.sarif
                                       SARIF 2.1.0 for GitHub code scanning
  mainguard --stdin-filename app.py < app.py
                                       editor / pre-commit pipe: fixed source on stdout
  mainguard --from-report bandit.json --write
                                       fix what a scanner reported; say which results were real
  mainguard rule MG001                 what a rule finds, why, and how the fix works

Exit codes: 0 nothing pending; 1 findings or fixes pending; 2 usage error, missing path,
unreadable or unwritable file, or -i without a terminal.`,
    )
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
}

function ruleCommand(codes: string[]): number {
  if (codes.length === 0) {
    process.stdout.write(formatRuleList(RULES));
    return EXIT.clean;
  }
  for (const code of codes) {
    const doc = RULES.find((rule) => rule.code.toLowerCase() === code.toLowerCase());
    if (!doc) {
      process.stderr.write(`mainguard: error: no rule ${code}; known rules: ${RULES.map((r) => r.code).join(", ")}\n`);
      return EXIT.error;
    }
    process.stdout.write(formatRule(doc));
  }
  return EXIT.clean;
}

async function main(argv: string[]): Promise<number> {
  if (argv[2] === "rule") return ruleCommand(argv.slice(3));
  const command = program();
  try {
    command.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.clean : EXIT.error;
    throw error;
  }
  const options = command.opts<Options>();
  const err = colorsFor(process.stderr, options.color);
  const out = colorsFor(process.stdout, options.color);
  const fail = (message: string) => process.stderr.write(`mainguard: ${err.red("error")}: ${message}\n`);

  const modes = [options.dryRun && "--dry-run", options.interactive && "--interactive", options.write && "--write"].filter(Boolean);
  if (modes.length > 1) {
    fail(`${modes.join(" and ")} cannot be combined`);
    return EXIT.error;
  }
  const mode: Mode = options.write ? "write" : options.dryRun ? "dry-run" : options.interactive ? "interactive" : "report";
  if ((options.splitBy !== undefined || options.out !== undefined) && !(options.splitBy && options.out && mode === "dry-run")) {
    fail("--split-by and --out go together, with --dry-run: mainguard --dry-run --split-by owners --out DIR");
    return EXIT.error;
  }
  const cwd = process.cwd();
  // Each file's settings come from its nearest pyproject.toml (or --config's); the current
  // folder's are read now, so that a broken one stops the run before anything is checked.
  const configPath = options.config !== undefined ? resolve(cwd, options.config) : undefined;
  const resolver = new SettingsResolver(configPath);
  let here: Settings;
  try {
    here = resolver.forFolder(options.stdinFilename !== undefined ? dirname(resolve(cwd, options.stdinFilename)) : cwd);
    if (options.showSettings !== undefined) {
      process.stdout.write(formatSettings(options.showSettings, resolver.forFile(resolve(cwd, options.showSettings)), cwd, options));
      return EXIT.clean;
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fail(error.message);
    return EXIT.error;
  }

  if (options.allFindings && options.fromReport === undefined) {
    fail("--all-findings goes with --from-report: mainguard --from-report FILE --all-findings");
    return EXIT.error;
  }
  if (options.fromReport !== undefined && (options.stdinFilename !== undefined || options.changedSince !== undefined)) {
    fail("--from-report takes its files from the report: it cannot be combined with --stdin-filename or --changed-since");
    return EXIT.error;
  }
  if (options.stdinFilename !== undefined) {
    if (command.args.length > 0 || mode === "interactive") {
      fail("--stdin-filename reads one file from stdin: give no paths and no -i");
      return EXIT.error;
    }
    // Flags win over pyproject.toml.
    const unsafeFixes = options.unsafeFixes ?? here.unsafeFixes;
    return runStdin({ path: options.stdinFilename, transforms: TRANSFORMS, unsafeFixes, catalog: createCatalog(here.catalog), dryRun: mode === "dry-run" });
  }
  if (mode === "interactive" && !(process.stdin.isTTY && process.stdout.isTTY)) {
    fail("--interactive needs a terminal (stdin and stdout); use --dry-run to preview or --write to apply");
    return EXIT.error;
  }

  const paths = command.args.length > 0 ? command.args : ["."];
  const settings: CheckSettings = {
    mode,
    format: options.format,
    unsafeFixes: options.unsafeFixes,
    configPath,
    jobs: options.jobs ?? defaultJobs(),
    verbose: options.verbose === true,
    quiet: options.quiet === true,
    out,
    rules: RULES,
    version,
    allowDirty: options.allowDirty === true,
    split: options.splitBy && options.out ? { by: options.splitBy, out: resolve(cwd, options.out) } : undefined,
  };
  if (options.fromReport !== undefined) {
    const { runFromReport } = await import("./from-report.js");
    const request = { report: options.fromReport, paths: command.args, reportRules: here.reportRules, allFindings: options.allFindings === true, showFiles: options.showFiles === true, cwd, fail };
    return runFromReport(request, settings);
  }
  // A directory may hold thousands of files: start the workers now, so that they load while it is
  // read and check each file as soon as it is found.
  const pool = !options.showFiles && settings.jobs > 1 && paths.some(isDirectory) ? startWorkers(runnerSettings(settings)) : undefined;
  let changed: ReadonlySet<string> | undefined;
  if (options.changedSince !== undefined) {
    const changes = changedSince(options.changedSince, cwd);
    if (!changes.ok) {
      fail(changes.message);
      return EXIT.error;
    }
    changed = changes.files;
  }
  let discovery: GitAwareDiscovery;
  try {
    discovery = await discoverFiles(paths, cwd, {
      gitignore: options.ignore,
      git: options.git,
      exclude: [{ base: cwd, patterns: options.exclude }],
      // Every folder's settings are read here, before its files are checked.
      excludeFor: (folder) => resolver.forFolder(folder).exclude,
      // Only a file in the change set is checked: hand files to the workers once that is known.
      onFile: pool && !changed ? (file) => pool.add(file) : undefined,
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fail(error.message);
    return EXIT.error;
  }
  const realCwd = realpathSync(cwd);
  const files = changed ? discovery.files.filter((file) => changed.has(resolve(realCwd, file))) : discovery.files;
  for (const path of discovery.missing) fail(`${path}: no such file or directory`);
  if (settings.verbose && !options.showFiles) process.stderr.write(`mainguard: ${discoveryNote(discovery, files)}\n`);
  if (options.showFiles) {
    process.stdout.write(files.map((file) => `${file}\n`).join(""));
    return discovery.missing.length > 0 ? EXIT.error : EXIT.clean;
  }
  return runCheck(files, settings, discovery.missing.length > 0, pool);
}

/** How the files were found (for -v). */
function discoveryNote(discovery: GitAwareDiscovery, files: readonly string[]): string {
  return `${plural(files.length, "file")} ${discovery.by === "git" ? "listed by git" : "found by walking the folders"}`;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** Resolves once everything written to `stream` so far has been handed to the system. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write("", () => resolve()));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

main(process.argv).then(
  (code) => {
    // Exit as soon as the output is out rather than when the event loop drains: V8 would first
    // finish optimising the grammar's WASM in the background, which a short run never uses. A
    // pipe that is not being read fast enough holds writes back, so wait for both streams.
    Promise.all([flushed(process.stdout), flushed(process.stderr)]).then(() => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`mainguard: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = EXIT.error;
  },
);
