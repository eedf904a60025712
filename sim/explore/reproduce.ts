/**
 * Does a candidate (a smaller scenario, or a changed schedule) still break the invariant? First
 * follow the last failing schedule by task name; if that no longer breaks it, try a few seeded
 * random schedules, so that shrinking a scenario is not defeated by steps that moved.
 */
import { createPrng } from '../../src/determinism/prng.ts';
import type { InvariantId } from '../../src/invariants/index.ts';
import type { Implementation } from '../../src/types.ts';
import type { Scenario } from '../scenario/types.ts';
import { followTasks } from '../schedule/follow.ts';
import type { Chooser } from '../scheduler/types.ts';
import { runSchedule, type ScheduleRun } from './runSchedule.ts';

/** Random schedules tried when following the names does not reproduce. */
const RETRIES = 12;

export async function reproduce(
  scenario: Scenario,
  impl: Implementation,
  invariant: InvariantId,
  names: readonly string[],
  seed: number,
): Promise<ScheduleRun | undefined> {
  const prng = createPrng(seed);
  const random: Chooser = { choose: (c) => prng.below(c.length) };
  for (let attempt = 0; attempt <= RETRIES; attempt++) {
    const run = await runSchedule(scenario, impl, attempt === 0 ? followTasks(names) : random);
    if (run.violations.some((v) => v.invariant === invariant)) return run;
  }
  return undefined;
}
