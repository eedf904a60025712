/**
 * The one place `regsim verify` builds the strategy that decides a scenario: one that explores
 * its trace space to the end and says whether it got there.
 *
 * For now this is DFS without a preemption bound: it runs every schedule of the scenario, which
 * is a correct (if slow) decision procedure, since a violation in any interleaving is a violation
 * in some schedule. `exhausted()` is completeness and `schedules()` the traces run. DPOR
 * (`strategies/dpor.ts`) explores one schedule per Mazurkiewicz trace and will replace it here.
 */
import { createDfsStrategy } from '../strategies/dfs.ts';
import type { Strategy } from '../strategies/types.ts';

/** A strategy that can tell when it has explored a scenario's whole trace space. */
export interface ExhaustiveStrategy extends Strategy {
  /** Every trace of the current scenario was explored. */
  complete(): boolean;
  /** Traces explored for the current scenario. */
  traces(): number;
  /** Schedules skipped because they were equivalent to ones explored (sleep sets); none for DFS. */
  sleepBlocked(): number;
}

export interface ExhaustiveOptions {
  /** Traces per scenario after which exploration stops, leaving the scenario incomplete. */
  readonly maxTraces: number;
}

/** The strategy that decides one scenario within `options.maxTraces` traces. */
export function createExhaustiveStrategy(options: ExhaustiveOptions): ExhaustiveStrategy {
  const dfs = createDfsStrategy({ maxPreemptions: Number.MAX_SAFE_INTEGER, maxSchedules: options.maxTraces });
  return {
    name: 'exhaustive',
    beginScenario: () => dfs.beginScenario(),
    next: (start) => dfs.next(start),
    done: (end) => dfs.done(end),
    describe: () => dfs.describe(),
    complete: () => dfs.exhausted(),
    traces: () => dfs.schedules(),
    sleepBlocked: () => 0,
  };
}
