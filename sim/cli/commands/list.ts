/** `regsim list [--json]`: implementations, invariants and shipped scenarios. */
import { IMPLEMENTATIONS } from '../../../src/catalog.ts';
import { STRUCTURAL_INVARIANTS } from '../../../src/invariants/index.ts';
import { listScenarioFiles } from '../../scenario/catalog.ts';
import { parseArgs } from '../args.ts';
import type { CommandIo } from '../io.ts';

/** Invariants checked per schedule besides the structural ones. */
const RUN_INVARIANTS = [
  { id: 'linearizable', spec: 'I6/I7 via the sequential specification' },
  { id: 'deadlock', spec: 'no task can run while some are unfinished' },
  { id: 'step-limit', spec: 'the run did not reach quiescence within the step limit' },
  { id: 'crash', spec: 'a task threw or escaped the scheduler, or create()/inspect() failed' },
  { id: 'hang', spec: 'a schedule did not finish within --schedule-timeout' },
];

export async function listCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseArgs(argv, { values: [], booleans: ['json'] });
  if (!parsed.ok || parsed.args.positional.length > 0) {
    io.err(`regsim list: ${parsed.ok ? `unexpected argument ${parsed.args.positional[0]}` : parsed.error}`);
    return 2;
  }
  const implementations = IMPLEMENTATIONS.map((i) => ({
    name: i.name,
    api: i.api,
    description: i.description,
  }));
  const invariants = [...STRUCTURAL_INVARIANTS.map((i) => ({ id: i.id, spec: i.spec })), ...RUN_INVARIANTS];
  const scenarios = listScenarioFiles();
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
