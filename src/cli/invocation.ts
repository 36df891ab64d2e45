/**
 * The command line, resolved once into one typed request (as ripgrep's HiArgs): every flag is
 * read here, every combination is either honoured by the request's shape or refused here with one
 * line and exit 2. Nothing after this looks at argv or at commander.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import type { SplitBy } from "../output/split.js";
import type { Mode } from "./summary.js";

export type Format = "text" | "json" | "sarif" | "github";

/** Where the run's files come from. */
export type Input =
  | { from: "paths"; paths: string[]; changedSince?: string; showFiles: boolean }
  | { from: "stdin"; path: string }
  | { from: "report"; report: string; paths: string[]; allFindings: boolean; showFiles: boolean };

export interface CheckRequest {
  mode: Mode;
  format: Format;
  input: Input;
  /** --unsafe-fixes or --no-unsafe-fixes, over every file's settings. */
  unsafeFixes?: boolean;
  /** --config: the one pyproject.toml every file uses. */
  config?: string;
  exclude: string[];
  /** Read .gitignore files (--no-ignore: not). */
  gitignore: boolean;
  /** Ask git for the files in a work tree (--no-git: walk). */
  git: boolean;
  jobs?: number;
  verbose: boolean;
  quiet: boolean;
  /** --color or --no-color; undefined: decide per stream. */
  color?: boolean;
  allowDirty: boolean;
  split?: { by: SplitBy; out: string };
}

export type Invocation =
  | { command: "check"; request: CheckRequest }
  | { command: "rule"; codes: string[]; color?: boolean }
  /** `mainguard server`: the Language Server Protocol over stdio. */
  | { command: "server" }
  | { command: "show-settings"; file: string; unsafeFixes?: boolean; exclude: string[]; config?: string }
  /** --help or --version was printed; or the command line was refused (commander said why). */
  | { command: "done"; code: number };

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

/** Flags that only make sense when files are listed from paths (not one file on stdin). */
const LISTING = ["git", "ignore", "changedSince", "showFiles", "splitBy", "out", "fromReport", "interactive"];
const MODES = ["dryRun", "write", "interactive"];

const EXAMPLES = `
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
  mainguard ./rule                     check a folder named rule
  mainguard server                     language server for editors (see the README's Editors)

Exit codes: 0 nothing pending; 1 findings or fixes pending; 2 usage error, missing path,
unreadable or unwritable file, or -i without a terminal.`;

function program(version: string, writeErr: (text: string) => void, found: (invocation: Invocation) => void): Command {
  const command = new Command("mainguard")
    .description('Find Python web-server starts that run at import time (a bare `app.run()`) and move them under\n`if __name__ == "__main__":`, changing nothing else in the file.')
    .usage("[options] [paths...]\n       mainguard rule [MGxxx...]\n       mainguard server")
    .argument("[paths...]", "files and directories to check (default: .)")
    .addOption(new Option("--dry-run", "print a unified diff of every fix; change nothing").conflicts(["write", "interactive"]))
    .addOption(new Option("-i, --interactive", "per file: show the diff and ask y (apply), n (skip), a (this and all remaining), q (quit)").conflicts(["write", "format"]))
    .option("--write", "apply every fix")
    .option("--unsafe-fixes", "also apply unsafe fixes (MG002)")
    .option("--no-unsafe-fixes", "do not apply unsafe fixes, whatever pyproject.toml says")
    .option("--allow-dirty", "with --write or -i, also fix files with uncommitted changes or untracked")
    .addOption(new Option("--format <format>", "findings output (with --dry-run, json and sarif hold the fixes and patches too)").choices(["text", "json", "sarif", "github"]).default("text"))
    .option("--exclude <glob>", "gitignore-style pattern to skip, relative to this directory (repeatable)", (v: string, all: string[]) => [...all, v], [])
    .option("--no-ignore", "do not read .gitignore files or .git/info/exclude")
    .option("--no-git", "walk the folders instead of asking git for their files")
    .addOption(new Option("--changed-since <ref>", "only the files that differ from the merge-base of <ref> and HEAD (committed, staged, unstaged or untracked)").conflicts("fromReport"))
    .addOption(new Option("--jobs <n>", "threads that check files (default: the number of cores)").argParser(positiveInteger))
    .option("-v, --verbose", "explain how each server start was recognised")
    .option("-q, --quiet", "no summary line or progress bar")
    .option("--color", "force colour")
    .option("--no-color", "never colour (NO_COLOR and FORCE_COLOR are honoured too)")
    .addOption(
      new Option("--split-by <by>", "with --dry-run and --out: one patch per owner (CODEOWNERS) or per package")
        .choices(["owners", "package"])
        .conflicts(["write", "interactive"]),
    )
    .option("--out <dir>", "where --split-by writes its patches, index.md and index.json")
    .option("--from-report <file>", "check the files a scanner's report names (SARIF 2.1.0, or bandit -f json) and judge each result; fix only what it names")
    .option("--all-findings", "with --from-report, also fix the findings the report does not name in those files")
    .addOption(new Option("--show-files", "list the files that would be checked, and exit").conflicts([...MODES, "format", "splitBy", "out"]))
    .option("--config <path>", "use this pyproject.toml's [tool.mainguard] for every file (default: each file's nearest)")
    .addOption(
      new Option("--show-settings <file>", "print the settings that apply to <file> and where each comes from, and exit").conflicts([
        ...MODES,
        "format",
        "stdinFilename",
        "fromReport",
        "showFiles",
        "splitBy",
        "out",
        "changedSince",
        "allFindings",
      ]),
    )
    .addOption(new Option("--stdin-filename <path>", "read one file from stdin and write the fixed source to stdout; <path> names it").conflicts(LISTING))
    .version(version, "--version")
    .addHelpText("after", EXAMPLES)
    .exitOverride()
    .configureOutput({ writeErr, outputError: (text, write) => write(`mainguard: ${text}`) });
  command
    .command("rule")
    .description("print a rule's documentation (what it finds, why, an example, fix safety); with no code, list the rules")
    .argument("[codes...]", "rule codes such as MG001")
    .action((codes: string[]) => found({ command: "rule", codes, color: command.opts<Options>().color }));
  command
    .command("server")
    .description("run the language server for editors (LSP over stdio): diagnostics, quick fixes, fix-all on save")
    // Clients started through vscode-languageclient pass --stdio; stdio is the only transport.
    .option("--stdio", "talk over stdin and stdout (the default and only transport)")
    .action(() => found({ command: "server" }));
  command.action((paths: string[], options: Options) => found(resolve(paths, options)));
  return command;
}

/** A refusal the flags' own declarations cannot express, in one line. */
class Refusal extends Error {}

function resolve(paths: string[], options: Options): Invocation {
  const refuse = (message: string): never => {
    throw new Refusal(message);
  };
  if (options.showSettings !== undefined) {
    if (paths.length > 0) refuse("--show-settings FILE prints one file's settings: give no other paths");
    return { command: "show-settings", file: options.showSettings, unsafeFixes: options.unsafeFixes, exclude: options.exclude, config: options.config };
  }
  const mode: Mode = options.write ? "write" : options.dryRun ? "dry-run" : options.interactive ? "interactive" : "report";
  if ((options.splitBy !== undefined || options.out !== undefined) && !(options.splitBy && options.out && mode === "dry-run")) refuse("--split-by and --out go together, with --dry-run: mainguard --dry-run --split-by owners --out DIR");
  if (options.allFindings && options.fromReport === undefined) refuse("--all-findings goes with --from-report: mainguard --from-report FILE --all-findings");
  if (options.allowDirty && mode !== "write" && mode !== "interactive") refuse("--allow-dirty goes with --write or -i: only a write is held back by uncommitted work");
  let input: Input;
  if (options.stdinFilename !== undefined) {
    if (paths.length > 0) refuse("--stdin-filename reads one file from stdin: give no paths and no -i");
    input = { from: "stdin", path: options.stdinFilename };
  } else if (options.fromReport !== undefined) {
    input = { from: "report", report: options.fromReport, paths, allFindings: options.allFindings === true, showFiles: options.showFiles === true };
  } else {
    input = { from: "paths", paths: paths.length > 0 ? paths : ["."], changedSince: options.changedSince, showFiles: options.showFiles === true };
  }
  return {
    command: "check",
    request: {
      mode,
      format: options.format,
      input,
      unsafeFixes: options.unsafeFixes,
      config: options.config,
      exclude: options.exclude,
      gitignore: options.ignore,
      git: options.git,
      jobs: options.jobs,
      verbose: options.verbose === true,
      quiet: options.quiet === true,
      color: options.color,
      allowDirty: options.allowDirty === true,
      ...(options.splitBy && options.out ? { split: { by: options.splitBy, out: options.out } } : {}),
    },
  };
}

/** Reads argv (as process.argv: node, script, arguments) into one request; a refusal is printed on stderr. */
export function parseInvocation(argv: readonly string[], version: string, writeErr: (text: string) => void): Invocation {
  let invocation: Invocation | undefined;
  const command = program(version, writeErr, (found) => {
    invocation = found;
  });
  try {
    command.parse([...argv]);
  } catch (error) {
    if (error instanceof Refusal) {
      writeErr(`mainguard: error: ${error.message}\n`);
      return { command: "done", code: 2 };
    }
    if (error instanceof CommanderError) return { command: "done", code: error.exitCode === 0 ? 0 : 2 };
    throw error;
  }
  return invocation ?? { command: "done", code: 2 };
}
