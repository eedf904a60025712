/**
 * The one exploration runner, after Shuttle's `Runner`: the runtime records, the strategy
 * decides. For one scenario it tells the strategy a scenario begins, then, per schedule, asks for
 * a chooser, runs and checks the schedule, tells the strategy how it went and yields the result,
 * until the strategy has no more schedules for the scenario. It knows no budget, no stopping rule
 * and no metric: those wrap the stream it returns (`limits.ts`, `metrics.ts`), so the scan, the
 * shrinker, `--scenario` exploration and the benchmarks drive strategies the same way.
 */
import type { Implementation } from '../../src/types.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Strategy } from '../strategies/types.ts';
import { runSchedule, type ScheduleRun } from './runSchedule.ts';
import { deriveSeed } from './seeds.ts';

/** One explored schedule: its 0-based index in the campaign, and the checked run. */
export interface ExploredSchedule {
  readonly index: number;
  readonly run: ScheduleRun;
}

/** Where a stream of schedules sits in its campaign. */
export interface RunFrom {
  /** The campaign seed: schedule `i` draws all its randomness from `deriveSeed(seed, i)`. */
  readonly seed: number;
  /** Index of the stream's first schedule (a chunk's offset, or what earlier scenarios used). */
  readonly firstIndex: number;
}

/**
 * The schedules `strategy` gives for `scenario`, run on `impl` and checked, lazily: nothing runs
 * until the consumer asks for the next one, so a wrapper that stops asking stops the strategy.
 */
export async function* runStrategy(
  scenario: Scenario,
  impl: Implementation,
  strategy: Strategy,
  from: RunFrom,
): AsyncGenerator<ExploredSchedule, void, undefined> {
  strategy.beginScenario();
  for (let index = from.firstIndex; ; index++) {
    const chooser = strategy.next({
      index,
      seed: deriveSeed(from.seed, index),
      tasks: scenario.tasks.length,
    });
    if (chooser === undefined) return;
    const run = await runSchedule(scenario, impl, chooser);
    strategy.done({ steps: run.execution.phases.tasks?.steps ?? 0 });
    yield { index, run };
  }
}
