/** `regsim list [--json]`: implementations, invariants and shipped scenarios. */
import { list } from '../../api/list.ts';
import { parseArgs } from '../args.ts';
import type { CommandIo } from '../io.ts';

export async function listCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseArgs(argv, { values: [], booleans: ['json'] });
  if (!parsed.ok || parsed.args.positional.length > 0) {
    io.err(`regsim list: ${parsed.ok ? `unexpected argument ${parsed.args.positional[0]}` : parsed.error}`);
    return 2;
  }
  const { implementations, invariants, scenarios } = list();
  if (parsed.args.switches.has('json')) {
    io.out(JSON.stringify({ implementations, invariants, scenarios }, null, 2));
    return 0;
  }
  io.out('implementations:');
  for (const i of implementations) io.out(`  ${i.name.padEnd(8)} ${i.api.padEnd(7)} ${i.description}`);
  io.out('invariants:');
  for (const i of invariants) io.out(`  ${i.id.padEnd(13)} ${i.spec}`);
  io.out('scenarios:');
  for (const s of scenarios) io.out(`  ${s}`);
  return 0;
}
