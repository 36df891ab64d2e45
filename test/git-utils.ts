import { spawnSync } from "node:child_process";
import { makeTree } from "./cli-utils.js";

/** `git args` in `cwd`; throws with git's message when it fails. */
export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

/** A work tree holding `files`, all committed. */
export function repository(files: Record<string, string | Buffer>): string {
  const root = makeTree(files);
  git(root, "init", "-q", "-b", "main");
  git(root, "config", "user.email", "test@example.com");
  git(root, "config", "user.name", "Test");
  git(root, "config", "commit.gpgsign", "false");
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "start");
  return root;
}
