/**
 * Porcupine's histories in the shared data directory beside the repository
 * (`../shared/data/porcupine`, the same relative location in CI) and their known verdicts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DATA_DIR = fileURLToPath(new URL('../../../shared/data/porcupine/', import.meta.url));

export interface KnownVerdict {
  /** Relative to {@link DATA_DIR}. */
  readonly file: string;
  readonly linearizable: boolean;
}

/** The rows of `verdicts.tsv`. */
export function knownVerdicts(): KnownVerdict[] {
  const [header, ...rows] = readFileSync(`${DATA_DIR}verdicts.tsv`, 'utf8').trim().split('\n');
  if (header !== 'file\tlinearizable') throw new Error(`unexpected verdicts.tsv header: ${header}`);
  return rows.map((row) => {
    const [file, linearizable] = row.split('\t');
    if (file === undefined || (linearizable !== 'true' && linearizable !== 'false'))
      throw new Error(`bad row: ${row}`);
    return { file, linearizable: linearizable === 'true' };
  });
}

export function readData(file: string): string {
  return readFileSync(`${DATA_DIR}${file}`, 'utf8');
}
