import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureCases } from "./fixture-utils.js";
import { makeTree, runCliBytes } from "./cli-utils.js";

/** A Flask module in a single-byte encoding, with bytes >= 0x80 in context lines and in the moved lines. */
function module(coding: string, high: string): Buffer {
  const text =
    `# -*- coding: ${coding} -*-\n` +
    `"""Caf${high} service."""\n` +
    "from flask import Flask\n\n" +
    `app = Flask(__name__)  # ${high}${high}\n\n\n` +
    `@app.route("/")\ndef index():\n    return "${high}"\n\n\n` +
    `app.run(\n    host="127.0.0.1",  # ${high}\n    port=5000,\n)\n` +
    `# ${high} the end\n`;
  return Buffer.from(text, "latin1");
}

const CASES = [
  { name: "latin1.py", bytes: module("latin-1", "\xe9") },
  { name: "cp1252.py", bytes: module("cp1252", "\x80") },
  { name: "iso8859_15.py", bytes: module("iso8859-15", "\xa4") },
];

/** What `--write` makes of `bytes`. */
function written(name: string, bytes: Buffer, findings = 1): Buffer {
  const root = makeTree({ [name]: bytes });
  const result = runCliBytes(["--write", name], root);
  expect(result.stderr.toString()).toBe(`1 file scanned, ${findings} finding${findings === 1 ? "" : "s"}, ${findings} fixed in 1 file.\n`);
  return readFileSync(join(root, name));
}

/** Applies `patch` to `bytes` (saved as `name`) with `git apply` and with `patch -p1`; returns both results. */
function applied(name: string, bytes: Buffer, patch: Buffer): Buffer[] {
  return [["git", "apply", "fix.patch"], ["patch", "-p1", "--quiet", "-i", "fix.patch"]].map(([command, ...args]) => {
    const root = makeTree({ [name]: bytes });
    writeFileSync(join(root, "fix.patch"), patch);
    execFileSync(command!, args, { cwd: root });
    return readFileSync(join(root, name));
  });
}

describe("patches of files in single-byte encodings", () => {
  it.each(CASES)("--dry-run on $name prints a patch that git apply and patch -p1 turn into what --write writes", ({ name, bytes }) => {
    const root = makeTree({ [name]: bytes });
    const result = runCliBytes(["--dry-run", name], root);
    expect(result.code).toBe(1);
    const patch = result.stdout;
    // The context and moved lines carry the file's own bytes, never their UTF-8 spelling.
    const high = bytes[bytes.indexOf('return "') + 'return "'.length]!;
    expect(patch.includes(Buffer.from([...Buffer.from(' return "'), high, 0x22, 0x0a]))).toBe(true);
    expect(patch.includes(Buffer.from([...Buffer.from('+        host="127.0.0.1",  # '), high, 0x0a]))).toBe(true);
    const fixed = written(name, bytes);
    for (const patched of applied(name, bytes, patch)) expect(patched.equals(fixed)).toBe(true);
    expect(readFileSync(join(root, name)).equals(bytes)).toBe(true);
  });

  it.each(CASES)("--stdin-filename --dry-run on $name does the same", ({ name, bytes }) => {
    const root = makeTree({});
    const result = runCliBytes(["--stdin-filename", name, "--dry-run"], root, {}, bytes);
    expect(result.code).toBe(1);
    const fixed = written(name, bytes);
    for (const patched of applied(name, bytes, result.stdout)) expect(patched.equals(fixed)).toBe(true);
    const piped = runCliBytes(["--stdin-filename", name], root, {}, bytes);
    expect(piped.stdout.equals(fixed)).toBe(true);
  });

  it("keeps a long module's patch to the lines around its fixes", () => {
    const bytes = Buffer.concat([module("latin-1", "\xe9"), Buffer.from("x = 1\n".repeat(30_000)), Buffer.from("app.run()\n")]);
    const root = makeTree({ "big.py": bytes });
    const patch = runCliBytes(["--dry-run", "big.py"], root).stdout.toString("latin1");
    const hunks = patch.split("\n").filter((line) => line.startsWith("@@"));
    // As GNU diff -u writes them for this pair.
    expect(hunks).toEqual(["@@ -10,10 +10,11 @@", "@@ -30015,4 +30016,5 @@"]);
    for (const result of applied("big.py", bytes, Buffer.from(patch, "latin1"))) expect(result.equals(written("big.py", bytes, 2))).toBe(true);
  });
});

describe("coding declarations, read as Python's tokenizer reads them", () => {
  const cases = fixtureCases("server-start").filter((c) => c.name.startsWith("coding-"));

  it("has fixtures for the declarations", () => {
    expect(cases.map((c) => c.name)).toEqual([
      "coding-emacs-latin-1-unix",
      "coding-iso-latin-1-underscores",
      "coding-utf-8-dash-suffix",
      "coding-utf8-underscores",
      "coding-vim-fileencoding",
    ]);
  });

  it.each(cases.map((c) => [c.name, c] as const))("--write fixes %s byte for byte", (_name, fixture) => {
    const root = mkdtempSync(join(tmpdir(), "mainguard-coding-"));
    cpSync(fixture.inputPath, join(root, "app.py"));
    const result = runCliBytes(["--write", "app.py"], root);
    expect(result.stderr.toString()).toBe("1 file scanned, 1 finding, 1 fixed in 1 file.\n");
    expect(readFileSync(join(root, "app.py")).equals(readFileSync(fixture.outputPath!))).toBe(true);
  });

  it("still skips, naming the line, a declaration of an encoding it cannot write back", () => {
    const root = makeTree({ "a.py": Buffer.from("#!/usr/bin/env python\n# coding: utf-16\napp.run()\n") });
    const result = runCliBytes(["a.py"], root);
    expect(result.stderr.toString()).toBe(
      "mainguard: a.py: skipped: line 2 declares the encoding utf-16, which mainguard cannot write back byte for byte\n1 file scanned, 0 findings, 1 skipped.\n",
    );
  });
});
