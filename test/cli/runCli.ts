/**
 * Runs the regsim CLI for the tests, always from its TypeScript sources: in this process
 * (`runCli`), or as a command in a child process (`spawnCli`, `bin/regsim.ts` loaded through
 * tsx). Neither touches `dist/`, so the tests check the code as it is, built or not.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { main } from '../../sim/cli/main.ts';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runCli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const BIN = fileURLToPath(new URL('../../bin/regsim.ts', import.meta.url));
// tsx's loader by absolute URL: `--import tsx` would look for tsx from the child's working folder.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Runs `regsim <argv>` as a command from the folder `cwd`; output without its final newline. */
export function spawnCli(cwd: string, ...argv: string[]): CliRun {
  const run = spawnSync(process.execPath, ['--import', TSX, BIN, ...argv], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.error !== undefined) throw run.error;
  return { code: run.status ?? -1, out: run.stdout.trimEnd(), err: run.stderr.trimEnd() };
}
