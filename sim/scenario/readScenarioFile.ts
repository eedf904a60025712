/**
 * Reads and parses a scenario file given on the command line (or a shipped one by name, see
 * `resolveScenarioPath.ts`), with one-line errors that name the file. Reading stops past a size no scenario reaches: a path like `/dev/zero` would otherwise be
 * read until memory runs out.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { type ParseResult, parseScenarioText } from './parse.ts';
import { resolveScenarioPath } from './resolveScenarioPath.ts';

const MAX_BYTES = 16 * 1024 * 1024;

/** The scenario `path` names, or why it cannot be read or is not a valid scenario. */
export function readScenarioFile(path: string): ParseResult {
  let bytes: Buffer | undefined;
  try {
    bytes = readAtMost(resolveScenarioPath(path), MAX_BYTES);
  } catch (error) {
    return {
      ok: false,
      error: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    };
  }
  if (bytes === undefined)
    return { ok: false, error: `${path}: larger than ${MAX_BYTES / 2 ** 20} MiB, which no scenario is` };
  const parsed = parseScenarioText(bytes.toString('utf8'));
  return parsed.ok ? parsed : { ok: false, error: `${path}: ${parsed.error}` };
}

/** The file's bytes, or undefined when it holds more than `limit`. */
function readAtMost(path: string, limit: number): Buffer | undefined {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return Buffer.concat(chunks, total);
      total += read;
      if (total > limit) return undefined;
      chunks.push(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}
