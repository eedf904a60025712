/**
 * Shrinks a failing schedule of a fixed scenario: fewer preemptions and an earlier end. First a
 * bounded exhaustive search below the schedule's preemption count (the scenario is minimal by
 * now, so its tree is small): DFS explores bound 0, then 1, …, so the first failing schedule it
 * meets has the fewest preemptions it can find within the budget. Then greedily, to a fixpoint:
 * cut the schedule at a preemption (the rest runs non-preemptively), or drop one preemption
 * (that step keeps the previous task, the rest follows the names it can), keeping a candidate
 * only when the same invariant still breaks.
 */
import type { InvariantId } from '../../src/invariants/index.ts';
import type { Implementation } from '../../src/types.ts';
import type { Scenario } from '../scenario/types.ts';
import { followTasks } from '../schedule/follow.ts';
import { createDfsStrategy } from '../strategies/dfs.ts';
import { runStrategy } from './run.ts';
import { runSchedule, type ScheduleRun } from './runSchedule.ts';

/** The index of each preemption in a run's trace. */
function preemptionSteps(run: ScheduleRun): number[] {
  const trace = run.execution.phases.tasks?.trace ?? [];
  return trace.flatMap((e, i) => (e.preemption ? [i] : []));
}

export async function shrinkSchedule(
  scenario: Scenario,
  impl: Implementation,
  failing: ScheduleRun,
  invariant: InvariantId,
): Promise<ScheduleRun> {
  let best = (await shallowest(scenario, impl, failing, invariant)) ?? failing;
  const breaks = (run: ScheduleRun) => run.violations.some((v) => v.invariant === invariant);
  const better = (run: ScheduleRun) =>
    breaks(run) &&
    (run.preemptions < best.preemptions ||
      (run.preemptions === best.preemptions && run.schedule.length < best.schedule.length));
  for (let improved = true; improved; ) {
    improved = false;
    const names = best.schedule.map((s) => s.task);
    const candidates: string[][] = [];
    for (const at of preemptionSteps(best)) {
      candidates.push(names.slice(0, at));
      const previous = at > 0 ? names[at - 1]! : names[at]!;
      candidates.push([...names.slice(0, at), previous, ...names.slice(at + 1)]);
    }
    for (const candidate of candidates) {
      const run = await runSchedule(scenario, impl, followTasks(candidate));
      if (better(run)) {
        best = run;
        improved = true;
        break;
      }
    }
  }
  return best;
}

/** Schedules the search below the failing schedule's depth may run. */
const DEPTH_SEARCH_BUDGET = 2_000;

/** The first failing schedule of bounded DFS below `failing`'s preemption count, if any. */
async function shallowest(
  scenario: Scenario,
  impl: Implementation,
  failing: ScheduleRun,
  invariant: InvariantId,
): Promise<ScheduleRun | undefined> {
  if (failing.preemptions === 0) return undefined;
  const dfs = createDfsStrategy({
    maxPreemptions: failing.preemptions - 1,
    maxSchedules: DEPTH_SEARCH_BUDGET,
  });
  // DFS draws no randomness: the seed is only there because the runner always passes one.
  for await (const { run } of runStrategy(scenario, impl, dfs, { seed: 0, firstIndex: 0 })) {
    if (run.violations.some((v) => v.invariant === invariant)) return run;
  }
  return undefined;
}
