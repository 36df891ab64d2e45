#!/usr/bin/env node
import { Command, CommanderError, Option } from "commander";
import { TRANSFORMS } from "../transforms/index.js";
import { colorsFor } from "./colors.js";
import { discover } from "./discover.js";
import { Engine } from "./engine.js";
import { unifiedPatch } from "./patch.js";
import { processFile, type FileResult } from "./process-file.js";
import { colorPatch, formatFindings } from "./report-text.js";
import { summaryLine, totals } from "./summary.js";
import { writeIfUnchanged } from "./write-source.js";

interface Options {
  dryRun?: boolean;
  write?: boolean;
  unsafeFixes?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  color?: boolean;
}

const EXIT = { clean: 0, pending: 1, error: 2 } as const;

function program(): Command {
  return new Command("mainguard")
    .description('Move Python web-server starts that run at import time under `if __name__ == "__main__":`.')
    .argument("[paths...]", "files and directories to check", ["."])
    .option("--dry-run", "print a unified diff of every fix; change nothing")
    .option("--write", "apply every fix")
    .option("--unsafe-fixes", "also apply unsafe fixes")
    .option("-v, --verbose", "explain how each server start was recognised")
    .option("-q, --quiet", "print findings and errors only, no summary")
    .addOption(new Option("--color", "force colour"))
    .addOption(new Option("--no-color", "never colour"))
    .addHelpText(
      "after",
      `
Examples:
  mainguard .                  report import-time server starts (exit 1 if any)
  mainguard --dry-run . | git apply
                               preview, then apply the same change with git
  mainguard --write services/  fix every file under services/

Exit codes: 0 nothing pending, 1 findings or fixes pending, 2 usage or I/O error.`,
    )
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
}

async function run(argv: string[]): Promise<number> {
  const command = program();
  try {
    command.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.clean : EXIT.error;
    throw error;
  }
  const options = command.opts<Options>();
  const paths = command.processedArgs[0] as string[];
  const err = colorsFor(process.stderr, options.color);
  const out = colorsFor(process.stdout, options.color);
  const fail = (message: string) => process.stderr.write(`mainguard: ${err.red("error")}: ${message}\n`);

  if (options.dryRun && options.write) {
    fail("--dry-run and --write cannot be combined");
    return EXIT.error;
  }
  const mode = options.write ? "write" : options.dryRun ? "dry-run" : "report";
  const cwd = process.cwd();
  const { files, missing } = await discover(paths, cwd);
  for (const path of missing) fail(`${path}: no such file or directory`);

  const engine = Engine.create({ transforms: TRANSFORMS, unsafeFixes: options.unsafeFixes });
  const results: FileResult[] = [];
  const written = new Set<string>();
  let fatal = missing.length > 0;
  for (const path of files) {
    const file = await processFile(engine, path, mode !== "report");
    results.push(file);
    if (file.problem) {
      process.stderr.write(`mainguard: ${file.path}: ${file.problem.message}\n`);
      fatal ||= file.problem.fatal;
    }
    if (mode === "dry-run" && file.change) {
      process.stdout.write(colorPatch(unifiedPatch(file.path, file.change.before, file.change.after), out));
    } else if (mode === "write" && file.change) {
      const outcome = await writeIfUnchanged(file.path, file.change.original, file.change.output);
      if (outcome.written) written.add(file.path);
      else {
        process.stderr.write(`mainguard: ${file.path}: ${outcome.reason}\n`);
        fatal ||= outcome.reason.startsWith("cannot");
      }
    }
    if (mode === "report" || (mode === "write" && !written.has(file.path))) {
      process.stdout.write(formatFindings(file, out, options.verbose === true));
    }
  }

  const sum = totals(results, written);
  if (!options.quiet) process.stderr.write(summaryLine(sum, mode) + "\n");
  if (fatal) return EXIT.error;
  const pending = mode === "write" ? sum.findings - sum.fixed : sum.findings;
  return pending > 0 ? EXIT.pending : EXIT.clean;
}

run(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mainguard: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = EXIT.error;
  },
);
