import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { ProjectModules } from "../types.js";

const isDirectory = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;

/** Where a module `name` of the project sits in a folder: a module, a package, or either under `src/`. */
function holds(folder: string, name: string): boolean {
  return [folder, join(folder, "src")].some((base) => existsSync(join(base, `${name}.py`)) || isDirectory(join(base, name)));
}

/**
 * The project's modules as Python would find them for a file: in the file's folder (the script's
 * own, first on `sys.path`) and the folders above it up to the repository's root (where a project
 * run with `python -m`, or installed from `src/`, has them). Asked only for a candidate that starts
 * an `app` imported from a module, so a few `stat` calls per such file. A run keeps the answers
 * (`remember`); an editor, whose tree changes as it stays open, asks again.
 */
export function projectModulesOnDisk({ remember = true } = {}): ProjectModules {
  const known = new Map<string, boolean>();
  const foundFrom = (folder: string, name: string): boolean => {
    const key = `${folder}\0${name}`;
    let found = known.get(key);
    if (found === undefined) {
      const parent = dirname(folder);
      found = holds(folder, name) || (!existsSync(join(folder, ".git")) && parent !== folder && foundFrom(parent, name));
      if (remember) known.set(key, found);
    }
    return found;
  };
  // stdin without --stdin-filename is named "-": its folder is the working directory.
  return (name, path) => foundFrom(dirname(resolve(path)), name);
}
