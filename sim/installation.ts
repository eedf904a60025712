/**
 * This copy of regsim as installed: its package folder (which holds `package.json` and the
 * shipped `scenarios/`) and its version. The folder is found by walking up from this module, so
 * it is the same whether regsim runs from its sources (`sim/…`) or compiled (`dist/sim/…`), from
 * a clone or from `node_modules`, whatever the working directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** The regsim package's folder. */
export const PACKAGE_ROOT: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** The `version` of regsim's `package.json`. */
export const PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/**
 * Whether regsim runs from its TypeScript sources (tests, `node --import tsx bin/regsim.ts`)
 * rather than from `dist/`. From sources, whatever loaded this module already loads TypeScript.
 */
export const RUNNING_FROM_SOURCE: boolean = import.meta.url.endsWith('.ts');
