/** Small scenarios on the real scheduler, and a loop that explores one with a strategy. */

import { limitSchedules } from '../../sim/explore/limits.ts';
import { driveStrategy } from '../../sim/explore/run.ts';
import { isPreemption } from '../../sim/scheduler/preemption.ts';
import { Scheduler } from '../../sim/scheduler/Scheduler.ts';
import type { Candidate, ChoiceContext, Chooser, PhaseOutcome, TaskSpec } from '../../sim/scheduler/types.ts';
import type { Strategy } from '../../sim/strategies/types.ts';
import { createSequentialIds } from '../../src/determinism/ids.ts';
import { createPrng } from '../../src/determinism/prng.ts';
import { SharedMap } from '../../src/memory/SharedMap.ts';

export interface Run {
  readonly outcome: PhaseOutcome;
  /** `T0:m.insert(a0)`-style events. */
  readonly trace: string[];
  /** Preemptions counted from what the chooser saw. */
  readonly preemptions: number;
  /** The counter at the end (lost-update scenario), or undefined. */
  readonly counter: number | undefined;
}

export type Scenario = (s: Scheduler, map: SharedMap<string, number>) => TaskSpec[];

/** `tasks` tasks, each inserting `steps` distinct keys: every interleaving is a distinct trace. */
export const inserts =
  (tasks: number, steps: number): Scenario =>
  (_s, map) =>
    Array.from({ length: tasks }, (_, t) => ({
      name: `T${t}`,
      body: async () => {
        for (let k = 0; k < steps; k++) await map.insert(`${String.fromCharCode(97 + t)}${k}`, k);
      },
    }));

/** Two tasks each doing `get` then `insert` of one counter: the lost-update race. */
export const lostUpdate: Scenario = (_s, map) => {
  const increment = async () => {
    const v = (await map.get('n')) ?? 0;
    await map.insert('n', v + 1);
  };
  return [
    { name: 'A', body: increment },
    { name: 'B', body: increment },
  ];
};

/** Runs one phase of `scenario` under `chooser`, counting the preemptions it makes. */
export async function runOnce(scenario: Scenario, chooser: Chooser): Promise<Run> {
  const s = new Scheduler(createSequentialIds());
  const map = new SharedMap<string, number>(s, 'm');
  let preemptions = 0;
  const counting: Chooser = {
    choose(candidates: readonly Candidate[], context: ChoiceContext) {
      const index = chooser.choose(candidates, context);
      const picked = candidates[index];
      if (picked !== undefined && isPreemption(candidates, context.previous, picked.task)) preemptions++;
      return index;
    },
  };
  const tasks = scenario(s, map);
  const outcome = await s.runPhase(tasks, { chooser: counting, stepLimit: 1_000 });
  return {
    outcome,
    trace: outcome.trace.map((e) => `${tasks[e.task]!.name}:${e.label}`),
    preemptions,
    counter: map.peek().get('n'),
  };
}

/** Explores one scenario: begin, then schedules until the strategy stops or `limit` runs. */
export async function explore(
  strategy: Strategy,
  scenario: Scenario,
  options: { seed?: number; limit?: number; tasks?: number; until?: (run: Run) => boolean } = {},
): Promise<Run[]> {
  const seeds = createPrng(options.seed ?? 1);
  const limit = options.limit ?? 10_000;
  const tasks = options.tasks ?? scenario(new Scheduler(createSequentialIds()), dummyMap()).length;
  const runs: Run[] = [];
  const target = {
    tasks,
    run: (chooser: Chooser) => runOnce(scenario, chooser),
    steps: (run: Run) => run.outcome.steps,
    // One draw per schedule, in order: the seeds this harness has always handed out.
    seed: () => seeds.nextU32(),
    firstIndex: 0,
  };
  for await (const { run } of limitSchedules(driveStrategy(strategy, target), limit)) {
    runs.push(run);
    if (options.until?.(run)) break;
  }
  return runs;
}

function dummyMap(): SharedMap<string, number> {
  return new SharedMap<string, number>(new Scheduler(createSequentialIds()), 'm');
}

/** Synthetic candidates `T0..` at step labels `s`. */
export function candidates(tasks: readonly number[], label = 'm.get(x)'): Candidate[] {
  return tasks.map((task) => ({ task, name: `T${task}`, label }));
}
