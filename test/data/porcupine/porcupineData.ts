/**
 * Porcupine's test histories and their known verdicts (see README.md here): the copies committed
 * beside this file, and the rest from the checkout `PORCUPINE_DIR` names (its `test_data/`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file's known answer: linearizable, not, or a file with no operation in it. */
export type Verdict = 'ok' | 'illegal' | 'no-operations';

export interface KnownVerdict {
  /** Relative to Porcupine's `test_data/`. */
  readonly file: string;
  readonly verdict: Verdict;
}

const VERDICTS = fileURLToPath(new URL('verdicts.tsv', import.meta.url));
const VALUES: readonly Verdict[] = ['ok', 'illegal', 'no-operations'];

/** The Porcupine checkout, or undefined when `PORCUPINE_DIR` is not set. */
export function porcupineDir(): string | undefined {
  const dir = process.env.PORCUPINE_DIR;
  if (dir === undefined || dir === '') return undefined;
  // A wrong path is a mistake to report, not a reason to skip quietly.
  if (!existsSync(join(dir, 'test_data')))
    throw new Error(`PORCUPINE_DIR=${dir} has no test_data/: is it a checkout of Porcupine?`);
  return resolve(dir);
}

/** Why the data-driven tests and benches are skipped when there is no checkout. */
export const NO_PORCUPINE = 'PORCUPINE_DIR is not set (see test/data/porcupine/README.md)';

/** The rows of `verdicts.tsv`. */
export function knownVerdicts(): KnownVerdict[] {
  const [header, ...rows] = readFileSync(VERDICTS, 'utf8').trim().split('\n');
  if (header !== 'file\tverdict') throw new Error(`unexpected verdicts.tsv header: ${header}`);
  return rows.map((row) => {
    const [file, verdict] = row.split('\t');
    const known = VALUES.find((v) => v === verdict);
    if (file === undefined || known === undefined) throw new Error(`bad row: ${row}`);
    return { file, verdict: known };
  });
}

/** The path of a history in the checkout (`file` relative to `test_data/`). */
export function dataPath(dir: string, file: string): string {
  return join(dir, 'test_data', file);
}

const HERE = fileURLToPath(new URL('.', import.meta.url));

/**
 * Where `file` (relative to `test_data/`) can be read: the copy in this repository, else the
 * checkout at `PORCUPINE_DIR`, else nowhere (undefined).
 */
export function historyPath(file: string): string | undefined {
  const copy = join(HERE, file);
  if (existsSync(copy)) return copy;
  const dir = porcupineDir();
  return dir === undefined ? undefined : dataPath(dir, file);
}
