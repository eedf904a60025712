/**
 * `regsim start` (`npm start`): the default job. Replays every known interleaving on every
 * implementation and prints a scenario × implementation table of the invariants broken.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPLEMENTATIONS } from '../../../src/catalog.ts';
import { replayScenario } from '../../replay/replayScenario.ts';
import { listScenarioFiles, SCENARIOS_DIR } from '../../scenario/catalog.ts';
import { unsupportedOperations } from '../../scenario/operations.ts';
import { parseScenarioText } from '../../scenario/parse.ts';
import type { CommandIo } from '../io.ts';

export async function startCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  if (argv.length > 0) {
    io.err(`regsim start: takes no arguments (got ${argv[0]})`);
    return 2;
  }
  const files = listScenarioFiles().filter((f) => f.startsWith('scenarios/known/'));
  const header = ['scenario', ...IMPLEMENTATIONS.map((i) => i.name)];
  const rows: string[][] = [];
  for (const file of files) {
    const loaded = parseScenarioText(readFileSync(join(SCENARIOS_DIR, '..', file), 'utf8'));
    if (!loaded.ok) {
      io.err(`regsim start: ${file}: ${loaded.error}`);
      return 2;
    }
    const row = [loaded.scenario.name];
    for (const impl of IMPLEMENTATIONS) {
      if (unsupportedOperations(loaded.scenario, impl).length > 0) {
        row.push('n/a');
        continue;
      }
      const { violations } = await replayScenario(loaded.scenario, impl);
      row.push(violations.length === 0 ? 'ok' : [...new Set(violations.map((v) => v.invariant))].join(' '));
    }
    rows.push(row);
  }
  io.out('Known interleavings (spec §6) replayed on every implementation: invariants broken');
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  io.out(line(header));
  io.out(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) io.out(line(row));
  io.out('Replay one with: npx regsim replay scenarios/known/R1.json --impl r0');
  return 0;
}
