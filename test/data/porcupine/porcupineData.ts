/**
 * Porcupine's test histories, all committed beside this file, and their known verdicts (see
 * README.md here); and the Porcupine checkout `PORCUPINE_DIR` names, whose test binary the bench
 * runs side by side with the checker.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file's known answer: linearizable, not, or a file with no operation in it. */
export type Verdict = 'ok' | 'illegal' | 'no-operations';

export interface KnownVerdict {
  /** Relative to Porcupine's `test_data/`, which this folder mirrors. */
  readonly file: string;
  readonly verdict: Verdict;
}

const HERE = fileURLToPath(new URL('.', import.meta.url));
const VERDICTS = join(HERE, 'verdicts.tsv');
const VALUES: readonly Verdict[] = ['ok', 'illegal', 'no-operations'];

/** The Porcupine checkout, or undefined when `PORCUPINE_DIR` is not set. */
export function porcupineDir(): string | undefined {
  const dir = process.env.PORCUPINE_DIR;
  if (dir === undefined || dir === '') return undefined;
  // A wrong path is a mistake to report, not a reason to fall back quietly.
  if (!existsSync(dir)) throw new Error(`PORCUPINE_DIR=${dir} does not exist`);
  return resolve(dir);
}

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

/** The committed copy of a history (`file` relative to `test_data/`); throws if it is missing. */
export function historyPath(file: string): string {
  const path = join(HERE, file);
  if (!existsSync(path)) throw new Error(`${file} is listed in verdicts.tsv but not in ${HERE}`);
  return path;
}
