/** The scenario files shipped under `scenarios/`, found by walking the folder. */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../installation.ts';

/** The package's `scenarios/` folder. */
export const SCENARIOS_DIR = join(PACKAGE_ROOT, 'scenarios');

/** Paths of every `.json` scenario under `dir`, sorted, relative to the package folder. */
export function listScenarioFiles(dir: string = SCENARIOS_DIR): string[] {
  const root = join(dir, '..');
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.name.endsWith('.json') ? [relative(root, path)] : [];
    });
  return walk(dir).sort();
}
