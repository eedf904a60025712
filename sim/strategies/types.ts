/**
 * The strategy seam (after Shuttle's `Scheduler` trait): a strategy decides, the runtime records.
 * The exploration tells the strategy when it starts a scenario, then asks it for a fresh
 * `Chooser` per schedule until the strategy has nothing more for that scenario (`undefined`),
 * reporting after each schedule how it went so adaptive strategies (PCT's step estimate, DFS's
 * backtracking) learn.
 */
import type { Chooser } from '../scheduler/types.ts';

/** What a strategy is told about the schedule it is about to drive. */
export interface ScheduleStart {
  /** 0-based index of the schedule within the campaign. */
  readonly index: number;
  /** A 32-bit seed derived from the campaign seed and the index: all randomness of this schedule comes from it. */
  readonly seed: number;
  /** Number of concurrent tasks. */
  readonly tasks: number;
}

/** What a strategy learns after a schedule ran. */
export interface ScheduleEnd {
  /** Steps the concurrent phase took. */
  readonly steps: number;
}

/**
 * What a strategy that knows when a scenario is done (DPOR) has covered, summed over every scenario
 * it began: what `fuzz --json` reports as `traces` and `complete`.
 */
export interface StrategyCoverage {
  /** Schedules that each explored an interleaving no earlier one was equivalent to. */
  readonly traces: number;
  readonly scenarios: number;
  /** Scenarios whose every trace was explored. */
  readonly exhausted: number;
}

export interface Strategy {
  /** Name used in reports and tokens, e.g. `pct(3)`. */
  readonly name: string;
  /** A new scenario begins: forget per-scenario state (DFS's tree), keep what carries over (PCT's estimate). */
  beginScenario(): void;
  /** The chooser for the next schedule of this scenario, or undefined when it has no more for it. */
  next(start: ScheduleStart): Chooser | undefined;
  /** Feedback after the schedule driven by the last chooser. */
  done(end: ScheduleEnd): void;
  /** A one-line status, e.g. DFS's "all schedules with ≤ 2 preemptions checked". */
  describe(): string;
  /** Present on strategies that can exhaust a scenario's trace space. */
  coverage?(): StrategyCoverage;
}
