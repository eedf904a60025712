/**
 * Fuzzing a registry from a vitest suite. `assertNoViolations` explores concurrent schedules of
 * generated scenarios and, if an invariant breaks, fails the test with each minimal
 * counterexample's interleaving table and the command that replays it.
 *
 *   npx vitest run --root examples/vitest                                   # the fixed registry: passes
 *   REGSIM_PLUGIN=../plugins/racy-registry.ts npx vitest run --root examples/vitest   # fails, with the table
 */
import { fileURLToPath } from 'node:url';
import { assertNoViolations } from 'regsim';
import { test } from 'vitest';

const plugin = fileURLToPath(
  new URL(process.env.REGSIM_PLUGIN ?? '../plugins/fixed-registry.ts', import.meta.url),
);

test('the registry keeps every invariant under concurrent register, replace and remove', async () => {
  await assertNoViolations({ impl: plugin, schedules: 1_000, seed: 1, threads: 1, timeBudgetMs: 60_000 });
}, 120_000);
