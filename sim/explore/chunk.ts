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
import { firstDifference, NondeterminismError } from '../schedule/nondeterminism.ts';
import type { ScheduleStep } from '../schedule/types.ts';
import { createStrategy } from '../strategies/create.ts';
import type { StrategySpec } from '../strategies/parse.ts';
import type { StrategyCoverage } from '../strategies/types.ts';
import { coverageOf } from './coverage.ts';
import { buildFinding, type Finding } from './finding.ts';
import { buildHangFinding, type HangPoint, hangLocator, hungBeforeTasks } from './hang.ts';
import { limitSchedules } from './limits.ts';
import { createMetrics, measured } from './metrics.ts';
import { reproduce } from './reproduce.ts';
import { runStrategy } from './run.ts';
import type { ScheduleRun } from './runSchedule.ts';
import { deriveSeed } from './seeds.ts';
import type { ScheduleWatch } from './watch.ts';

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
  /** The failing run's steps, which a re-run of the schedule must take again. */
  readonly steps: readonly ScheduleStep[];
}

export interface ChunkScan {
  readonly chunk: number;
  readonly schedules: number;
  readonly scenarios: number;
  readonly failures: readonly ChunkFailure[];
  readonly maxTasks: number;
  readonly maxSteps: number;
  readonly status: string;
  /** What an exhausting strategy (DPOR) covered in this chunk. */
  readonly coverage?: StrategyCoverage;
}

/** Cap on shrink candidates, so shrinking a deep bug cannot eat the whole budget. */
const SHRINK_LIMIT = 3_000;

/**
 * What a visit of a run makes of the walk: go on, stop at this run (the counterexample when
 * shrinking), or stop without one.
 */
type Visit = 'next' | 'found' | 'abandon';

/** How a walk runs its schedules. */
interface WalkOptions {
  readonly watch?: ScheduleWatch | undefined;
  /**
   * Stops before running the scenario whose first schedule has this 1-based index, and hands it
   * to `onStop` (a hang in `create()` or the setup hangs on any schedule of its scenario).
   */
  readonly stopBefore?: { readonly schedule: number; onStop(scenario: Scenario): void };
}

/**
 * Feeds the chunk's generated scenarios, one per fast-check run, to the runner until the chunk's
 * schedules are used up or `visit` (given each checked run and its global 1-based schedule index)
 * stops it. With `shrinkTarget`, the run `visit` found fails the property, and fast-check
 * shrinks its scenario: each smaller candidate is kept if it still breaks the target invariant.
 */
async function walkChunk(
  task: ChunkTask,
  impl: Implementation,
  visit: (run: ScheduleRun, schedule: number, scenario: Scenario) => Visit,
  shrinkTarget?: { invariant: InvariantId },
  walk: WalkOptions = {},
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
    const firstIndex = task.firstSchedule + metrics.schedules;
    if (walk.stopBefore !== undefined && firstIndex + 1 >= walk.stopBefore.schedule) {
      stopped = true;
      walk.stopBefore.onStop(scenario);
      return true;
    }
    scenarios++;
    const from = { seed: task.seed, firstIndex, watch: walk.watch };
    const schedules = limitSchedules(
      measured(runStrategy(scenario, impl, strategy, from), scenario.tasks.length, metrics),
      task.schedules - metrics.schedules,
    );
    for await (const { index, run } of schedules) {
      const verdict = visit(run, index + 1, scenario);
      if (verdict === 'next') continue;
      stopped = true;
      if (shrinkTarget === undefined || verdict === 'abandon') return true;
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
    ...coverageOf(strategy),
  };
  if (!details.failed) return { scan };
  const counterexample = details.counterexample?.[0];
  if (counterexample === undefined || best === undefined) {
    throw details.errorInstance ?? new Error('fast-check stopped without a counterexample');
  }
  return { scan, shrunk: { scenario: counterexample, run: best } };
}

/** Records, per invariant, the first schedule of a walk that broke it. */
function failureRecorder(task: ChunkTask) {
  const known = new Set<InvariantId>();
  const failures: ChunkFailure[] = [];
  const record = (run: ScheduleRun, schedule: number): Visit => {
    for (const v of run.violations) {
      if (known.has(v.invariant)) continue;
      known.add(v.invariant);
      failures.push({ invariant: v.invariant, schedule, message: v.message, steps: run.schedule });
    }
    return task.untilFirst && failures.length > 0 ? 'found' : 'next';
  };
  return { failures, record };
}

/**
 * Explores a chunk and records, per invariant, the first schedule that broke it; `watch` sees
 * each schedule (a supervised worker's heartbeat).
 */
export async function scanChunk(
  task: ChunkTask,
  impl: Implementation,
  watch?: ScheduleWatch,
): Promise<ChunkScan> {
  const { failures, record } = failureRecorder(task);
  const { scan } = await walkChunk(task, impl, record, undefined, { watch });
  return { ...scan, failures };
}

/**
 * Re-runs a chunk whose schedule hung at `point` up to just before the hang (every schedule of it
 * finished on the worker that hung) and gives the chunk's scan up to there, the hang's finding
 * among its failures, and the finding itself.
 */
export async function locateChunkHang(
  task: ChunkTask,
  impl: Implementation,
  point: HangPoint,
): Promise<{ scan: ChunkScan; finding: Finding | undefined }> {
  const { failures, record } = failureRecorder(task);
  let finding: Finding | undefined;
  const onStop = (scenario: Scenario) => {
    finding = buildHangFinding(impl, scenario, undefined, point);
  };
  const { scan } = await walkChunk(
    task,
    impl,
    (run, schedule, scenario) => {
      if (schedule < point.schedule) return record(run, schedule);
      finding = buildHangFinding(impl, scenario, run, point);
      return 'abandon';
    },
    undefined,
    {
      watch: hangLocator(point),
      ...(hungBeforeTasks(point) ? { stopBefore: { schedule: point.schedule, onStop } } : {}),
    },
  );
  if (finding !== undefined) {
    failures.push({
      invariant: 'hang',
      schedule: point.schedule,
      message: finding.message,
      steps: finding.schedule,
    });
  }
  // The hanging schedule ran (on the worker) and is the finding: it counts, run here or not.
  const unrun = hungBeforeTasks(point) && finding !== undefined ? 1 : 0;
  return {
    scan: { ...scan, schedules: scan.schedules + unrun, scenarios: scan.scenarios + unrun, failures },
    finding,
  };
}

/**
 * Re-runs a chunk up to its first break of `invariant` and shrinks that counterexample. Throws a
 * {@link NondeterminismError} when the re-run of the failing schedule differs from the scan's.
 */
export async function shrinkChunkFailure(
  task: ChunkTask,
  impl: Implementation,
  failure: ChunkFailure,
): Promise<Finding> {
  const target = { invariant: failure.invariant };
  let divergence: NondeterminismError | undefined;
  const { shrunk } = await walkChunk(
    task,
    impl,
    (run, schedule) => {
      if (schedule !== failure.schedule) return 'next';
      if (run.violations.some((v) => v.invariant === failure.invariant)) return 'found';
      divergence =
        firstDifference(failure.steps, run.schedule) ??
        new NondeterminismError(
          run.schedule.length,
          `the same ${run.schedule.length} steps, but ${failure.invariant} did not break again`,
        );
      return 'abandon';
    },
    target,
  );
  if (divergence !== undefined) throw divergence;
  if (shrunk === undefined) {
    // The walk never reached the schedule: earlier schedules ran otherwise than in the scan.
    throw new NondeterminismError(0, `the re-run of chunk ${task.chunk} ended before it`);
  }
  return buildFinding(shrunk, impl, failure.invariant, failure.schedule, task.seed);
}
