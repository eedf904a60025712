/**
 * The unit of a campaign: a chunk is a fixed range of schedule indexes, explored from its own
 * seed with a fresh strategy, so any chunk runs the same anywhere — on the main thread, on a
 * worker thread, on another machine's shard. `scanChunk` only records where invariants first
 * break; `shrinkChunkFailure` re-runs the chunk up to that schedule and lets fast-check shrink.
 */
import fc from 'fast-check';
import type { InvariantId } from '../../src/invariants/index.ts';
import type { OperationKind } from '../../src/spec/operations.ts';
import type { Implementation } from '../../src/types.ts';
import { scenarioArbitrary } from '../scenario/arbitraries/scenario.ts';
import type { Scenario } from '../scenario/types.ts';
import { createStrategy } from '../strategies/create.ts';
import type { StrategySpec } from '../strategies/parse.ts';
import { buildFinding, type Finding } from './finding.ts';
import { limitSchedules } from './limits.ts';
import { createMetrics, measured } from './metrics.ts';
import { reproduce } from './reproduce.ts';
import { runStrategy } from './run.ts';
import type { ScheduleRun } from './runSchedule.ts';
import { deriveSeed } from './seeds.ts';

/** Everything a chunk needs, as plain data (it crosses thread boundaries). */
export interface ChunkTask {
  /** Implementation name, or a plugin module path. */
  readonly impl: string;
  readonly strategy: StrategySpec;
  readonly seed: number;
  readonly chunk: number;
  /** Global index of the chunk's first schedule. */
  readonly firstSchedule: number;
  /** Schedules in the chunk. */
  readonly schedules: number;
  readonly untilFirst: boolean;
  readonly kinds: readonly OperationKind[];
  /**
   * Fault-injection hook for testing a campaign's error handling, never set by the CLI: the
   * parallel worker (`sim/parallel/worker.ts`) makes this chunk throw, or block its thread for
   * good, before scanning. `scanChunk` ignores it.
   */
  readonly fault?: 'throw' | 'hang';
}

/** Where an invariant first broke in a chunk. */
export interface ChunkFailure {
  readonly invariant: InvariantId;
  /** 1-based global index of the failing schedule. */
  readonly schedule: number;
  readonly message: string;
}

export interface ChunkScan {
  readonly chunk: number;
  readonly schedules: number;
  readonly scenarios: number;
  readonly failures: readonly ChunkFailure[];
  readonly maxTasks: number;
  readonly maxSteps: number;
  readonly status: string;
}

/** Cap on shrink candidates, so shrinking a deep bug cannot eat the whole budget. */
const SHRINK_LIMIT = 3_000;

/**
 * Feeds the chunk's generated scenarios, one per fast-check run, to the runner until the chunk's
 * schedules are used up or `visit` (given each checked run and its global 1-based schedule index)
 * returns true. With `shrinkTarget`, the run `visit` stopped at fails the property, and fast-check
 * shrinks its scenario: each smaller candidate is kept if it still breaks the target invariant.
 */
async function walkChunk(
  task: ChunkTask,
  impl: Implementation,
  visit: (run: ScheduleRun, schedule: number, scenario: Scenario) => boolean,
  shrinkTarget?: { invariant: InvariantId },
): Promise<{ scan: ChunkScan; shrunk?: { scenario: Scenario; run: ScheduleRun } }> {
  const strategy = createStrategy(task.strategy);
  const metrics = createMetrics();
  let scenarios = 0;
  let stopped = false;
  let best: ScheduleRun | undefined;
  let candidates = 0;
  const property = fc.asyncProperty(scenarioArbitrary({ kinds: new Set(task.kinds) }), async (scenario) => {
    if (best !== undefined && shrinkTarget !== undefined) {
      // Shrinking: does this smaller scenario still break the target invariant?
      if (++candidates > SHRINK_LIMIT) return true;
      const names = best.schedule.map((s) => s.task);
      const run = await reproduce(
        scenario,
        impl,
        shrinkTarget.invariant,
        names,
        deriveSeed(task.seed, candidates),
      );
      if (run !== undefined) best = run;
      return run === undefined;
    }
    if (stopped || metrics.schedules >= task.schedules) return true;
    scenarios++;
    const from = { seed: task.seed, firstIndex: task.firstSchedule + metrics.schedules };
    const schedules = limitSchedules(
      measured(runStrategy(scenario, impl, strategy, from), scenario.tasks.length, metrics),
      task.schedules - metrics.schedules,
    );
    for await (const { index, run } of schedules) {
      if (!visit(run, index + 1, scenario)) continue;
      stopped = true;
      if (shrinkTarget === undefined) return true;
      best = run;
      return false;
    }
    return true;
  });
  const details = await fc.check(property, {
    seed: deriveSeed(task.seed, 1_000_000 + task.chunk),
    numRuns: task.schedules,
  });
  const scan: ChunkScan = {
    chunk: task.chunk,
    schedules: metrics.schedules,
    scenarios,
    failures: [],
    maxTasks: metrics.maxTasks,
    maxSteps: metrics.maxSteps,
    status: strategy.describe(),
  };
  if (!details.failed) return { scan };
  const counterexample = details.counterexample?.[0];
  if (counterexample === undefined || best === undefined) {
    throw details.errorInstance ?? new Error('fast-check stopped without a counterexample');
  }
  return { scan, shrunk: { scenario: counterexample, run: best } };
}

/** Explores a chunk and records, per invariant, the first schedule that broke it. */
export async function scanChunk(task: ChunkTask, impl: Implementation): Promise<ChunkScan> {
  const known = new Set<InvariantId>();
  const failures: ChunkFailure[] = [];
  const { scan } = await walkChunk(task, impl, (run, schedule) => {
    for (const v of run.violations) {
      if (known.has(v.invariant)) continue;
      known.add(v.invariant);
      failures.push({ invariant: v.invariant, schedule, message: v.message });
    }
    return task.untilFirst && failures.length > 0;
  });
  return { ...scan, failures };
}

/** Re-runs a chunk up to its first break of `invariant` and shrinks that counterexample. */
export async function shrinkChunkFailure(
  task: ChunkTask,
  impl: Implementation,
  failure: ChunkFailure,
): Promise<Finding> {
  const target = { invariant: failure.invariant };
  const { shrunk } = await walkChunk(
    task,
    impl,
    (run, schedule) =>
      schedule === failure.schedule && run.violations.some((v) => v.invariant === failure.invariant),
    target,
  );
  if (shrunk === undefined) {
    throw new Error(
      `chunk ${task.chunk} did not reproduce ${failure.invariant} at schedule ${failure.schedule}`,
    );
  }
  return buildFinding(shrunk, impl, failure.invariant, failure.schedule, task.seed);
}
