import { createRequire } from "node:module";
import { realpathSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { RULES } from "../../transforms/index.js";
import { EXIT, runCheck, runnerSettings, type CheckSettings } from "./check-command.js";
import { colorsFor } from "../output/colors.js";
import { SettingsResolver, type Settings } from "../config/settings.js";
import { ConfigError } from "../config/table.js";
import { formatSettings } from "./show-settings.js";
import { discoverFiles, type GitAwareDiscovery } from "../discover/git-discovery.js";
import { changedSince } from "../git/changes.js";
import { formatRule, formatRuleList } from "../output/rule-docs.js";
import { defaultJobs, startWorkers, tablesOf } from "../run/run-files.js";
import { runStdin } from "./stdin-mode.js";
import { parseInvocation, type CheckRequest } from "./invocation.js";

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

/** `mainguard rule [codes]`: the list of rules, or each rule's documentation. */
function ruleCommand(codes: readonly string[], cwd: string): number {
  if (codes.length === 0) {
    process.stdout.write(formatRuleList(RULES));
    // `rule` is the command; a folder of that name is checked as ./rule.
    if (isDirectory(resolve(cwd, "rule"))) process.stderr.write("mainguard: note: `rule` lists the rules; to check the folder named rule, run: mainguard ./rule\n");
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
  const invocation = parseInvocation(argv, version, (text) => process.stderr.write(text));
  const cwd = process.cwd();
  switch (invocation.command) {
    case "done":
      return invocation.code;
    case "rule":
      return ruleCommand(invocation.codes, cwd);
    case "server": {
      // Loaded only for an editor: the check command never reads the protocol library.
      const { runServer } = await import("../server/run-server.js");
      return runServer();
    }
    case "show-settings": {
      const resolver = new SettingsResolver(invocation.config !== undefined ? resolve(cwd, invocation.config) : undefined);
      try {
        process.stdout.write(formatSettings(invocation.file, resolver.forFile(resolve(cwd, invocation.file)), cwd, invocation));
        return EXIT.clean;
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        process.stderr.write(`mainguard: ${colorsFor(process.stderr, undefined).red("error")}: ${error.message}\n`);
        return EXIT.error;
      }
    }
    case "check":
      return check(invocation.request, cwd);
  }
}

async function check(request: CheckRequest, cwd: string): Promise<number> {
  const { mode, input } = request;
  const err = colorsFor(process.stderr, request.color);
  const out = colorsFor(process.stdout, request.color);
  const fail = (message: string) => process.stderr.write(`mainguard: ${err.red("error")}: ${message}\n`);
  // Each file's settings come from its nearest pyproject.toml (or --config's); the current
  // folder's are read now, so that a broken one stops the run before anything is checked.
  const configPath = request.config !== undefined ? resolve(cwd, request.config) : undefined;
  const resolver = new SettingsResolver(configPath);
  let here: Settings;
  try {
    here = resolver.forFolder(input.from === "stdin" ? dirname(resolve(cwd, input.path)) : cwd);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fail(error.message);
    return EXIT.error;
  }
  if (mode === "interactive" && !(process.stdin.isTTY && process.stdout.isTTY)) {
    fail("--interactive needs a terminal (stdin and stdout); use --dry-run to preview or --write to apply");
    return EXIT.error;
  }

  const settings: CheckSettings = {
    mode,
    format: request.format,
    unsafeFixes: request.unsafeFixes,
    configPath,
    jobs: request.jobs ?? defaultJobs(),
    verbose: request.verbose,
    quiet: request.quiet,
    out,
    rules: RULES,
    version,
    allowDirty: request.allowDirty,
    split: request.split ? { by: request.split.by, out: resolve(cwd, request.split.out) } : undefined,
    // Discovery reads each folder's settings (for its excludes); the threads that check the files reuse them.
    tableOf: tablesOf(resolver, cwd),
  };
  if (input.from === "stdin") {
    // The flags win over pyproject.toml; the file's excludes apply as they would in a tree.
    return runStdin({ path: input.path, settings, here, exclude: request.exclude, cwd, err });
  }
  if (input.from === "report") {
    const { runFromReport } = await import("./from-report.js");
    const report = { report: input.report, paths: input.paths, reportRules: here.reportRules, allFindings: input.allFindings, showFiles: input.showFiles, cwd, fail };
    return runFromReport(report, settings);
  }
  const paths = input.paths;
  // A directory may hold thousands of files: start the workers now, so that they load while it is
  // read and check each file as soon as it is found.
  const pool = !input.showFiles && settings.jobs > 1 && paths.some(isDirectory) ? startWorkers(runnerSettings(settings)) : undefined;
  let changed: ReadonlySet<string> | undefined;
  if (input.changedSince !== undefined) {
    const changes = changedSince(input.changedSince, cwd);
    if (!changes.ok) {
      fail(changes.message);
      return EXIT.error;
    }
    changed = changes.files;
  }
  let discovery: GitAwareDiscovery;
  try {
    discovery = await discoverFiles(paths, cwd, {
      gitignore: request.gitignore,
      git: request.git,
      exclude: [{ base: cwd, patterns: request.exclude }],
      // Every folder's settings are read here, before its files are checked.
      excludeFor: (folder) => resolver.forFolder(folder).exclude,
      // The walk reads every folder anyway: one with no pyproject.toml need not be looked at again.
      onFolder: (folder, hasPyproject) => resolver.noteFolder(folder, hasPyproject),
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
  if (settings.verbose && !input.showFiles) process.stderr.write(`mainguard: ${discoveryNote(discovery, files)}\n`);
  if (input.showFiles) {
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
