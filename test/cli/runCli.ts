/**
 * Runs the regsim CLI for the tests, always from its TypeScript sources: in this process
 * (`runCli`), or as a command in a child process (`spawnCli`, `bin/regsim.ts` loaded through
 * tsx). Neither touches `dist/`, so the tests check the code as it is, built or not.
 */
import { spawn, spawnSync } from 'node:child_process';
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

/** A command run in a child process, watched for a hang. */
export interface SpawnedRun {
  /** The exit code, or null when the process was killed. */
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
  readonly timedOut: boolean;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs `regsim ...argv` from the repository root as a user does: what reaches the real stderr
 * (warnings, stack traces) is captured, and a run that does not end within `timeoutMs` is
 * killed and reported as such rather than hanging the test.
 */
export function spawnCliWatched(argv: readonly string[], timeoutMs = 20_000): Promise<SpawnedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, BIN, ...argv], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        out: Buffer.concat(out).toString('utf8'),
        err: Buffer.concat(err).toString('utf8'),
        timedOut,
      });
    });
  });
}
