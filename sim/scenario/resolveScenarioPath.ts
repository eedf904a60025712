/**
 * Where a scenario argument (`regsim replay <scenario>`, `regsim fuzz --scenario <scenario>`)
 * points, from any working directory. In order:
 * 1. a file at that path from the working directory, so a user's own file always wins;
 * 2. a path as `regsim list` prints it (`scenarios/known/R1.json`), relative to the package;
 * 3. a shipped scenario's name, with or without `.json` (`known/R1`).
 *
 * When none exists the argument comes back unchanged, so the read fails naming what was given.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../installation.ts';
import { SCENARIOS_DIR } from './catalog.ts';

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

/** Whether `path` lies inside `folder` (a name must not climb out of `scenarios/`). */
const inside = (folder: string, path: string): boolean => {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/** The file `arg` names, per the order above; `cwd` is where a relative path starts. */
export function resolveScenarioPath(arg: string, cwd: string = process.cwd()): string {
  if (isAbsolute(arg) || isFile(resolve(cwd, arg))) return arg;
  const shipped = [
    join(PACKAGE_ROOT, arg),
    join(SCENARIOS_DIR, arg),
    ...(arg.endsWith('.json') ? [] : [join(SCENARIOS_DIR, `${arg}.json`)]),
  ];
  return shipped.find((path) => inside(SCENARIOS_DIR, path) && isFile(path)) ?? arg;
}
