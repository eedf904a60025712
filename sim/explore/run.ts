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
import type { Chooser } from '../scheduler/types.ts';
import type { Strategy } from '../strategies/types.ts';
import { runSchedule, type ScheduleRun } from './runSchedule.ts';
import { deriveSeed } from './seeds.ts';
import type { ScheduleWatch } from './watch.ts';

/** One schedule driven by a strategy: its 0-based index in the campaign, and what running it gave. */
export interface Driven<R> {
  readonly index: number;
  readonly run: R;
}

/** One explored schedule of a scenario, checked. */
export type ExploredSchedule = Driven<ScheduleRun>;

/** What a strategy drives: a system with `tasks` concurrent tasks that runs under a chooser. */
export interface DriveTarget<R> {
  readonly tasks: number;
  /** Runs schedule `index` under `chooser`. */
  run(chooser: Chooser, index: number): Promise<R>;
  /** Steps the run's concurrent phase took (what the strategy learns). */
  steps(result: R): number;
  /** The seed of schedule `index`: all its randomness comes from it. */
  seed(index: number): number;
  /** Index of the first schedule (a chunk's offset, or what earlier scenarios used). */
  readonly firstIndex: number;
}

/**
 * The schedules `strategy` gives for one scenario of `target`, run lazily: nothing runs until the
 * consumer asks for the next one, so a wrapper that stops asking stops the strategy.
 */
export async function* driveStrategy<R>(
  strategy: Strategy,
  target: DriveTarget<R>,
): AsyncGenerator<Driven<R>> {
  strategy.beginScenario();
  for (let index = target.firstIndex; ; index++) {
    const chooser = strategy.next({ index, seed: target.seed(index), tasks: target.tasks });
    if (chooser === undefined) return;
    const run = await target.run(chooser, index);
    strategy.done({ steps: target.steps(run) });
    yield { index, run };
  }
}

/** Where a stream of schedules sits in its campaign. */
export interface RunFrom {
  /** The campaign seed: schedule `i` draws all its randomness from `deriveSeed(seed, i)`. */
  readonly seed: number;
  /** Index of the stream's first schedule (a chunk's offset, or what earlier scenarios used). */
  readonly firstIndex: number;
  /** Sees each schedule start (a supervisor's heartbeat) and may cap its steps. */
  readonly watch?: ScheduleWatch | undefined;
}

/** The schedules `strategy` gives for `scenario`, each run on `impl` and checked. */
export function runStrategy(
  scenario: Scenario,
  impl: Implementation,
  strategy: Strategy,
  from: RunFrom,
): AsyncGenerator<ExploredSchedule> {
  return driveStrategy(strategy, {
    tasks: scenario.tasks.length,
    run: (chooser, index) => {
      if (from.watch === undefined) return runSchedule(scenario, impl, chooser);
      const watched = from.watch.begin(index, chooser);
      return runSchedule(scenario, impl, watched.chooser, watched.options);
    },
    steps: (run) => run.execution.phases.tasks?.steps ?? 0,
    seed: (index) => deriveSeed(from.seed, index),
    firstIndex: from.firstIndex,
  });
}
