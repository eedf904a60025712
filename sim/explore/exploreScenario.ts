/**
 * Explores one given scenario (`regsim fuzz --scenario`): one strategy pass over its schedules —
 * DFS to its preemption bound, the samplers until the budget ends — shrinking what breaks.
 * Runs on this thread: a single scenario's schedule tree is not split into chunks.
 */
import type { InvariantId } from '../../src/invariants/index.ts';
import type { Implementation } from '../../src/types.ts';
import type { Scenario } from '../scenario/types.ts';
import {
  diagnoseNondeterminism,
  type NondeterminismDiagnosis,
  NondeterminismError,
} from '../schedule/nondeterminism.ts';
import { createStrategy, UNBOUNDED_PER_SCENARIO } from '../strategies/create.ts';
import type { StrategySpec } from '../strategies/parse.ts';
import type { Strategy } from '../strategies/types.ts';
import type { CampaignResult } from './campaign.ts';
import { coverageOf } from './coverage.ts';
import { buildFinding, type Finding } from './finding.ts';
import { buildHangFinding, type HangPoint, hangLocator, hungBeforeTasks } from './hang.ts';
import { limitSchedules, limitTime, stopAfter } from './limits.ts';
import { createMetrics, measured, type ScheduleMetrics } from './metrics.ts';
import { type ExploredSchedule, runStrategy } from './run.ts';
import type { ScheduleWatch } from './watch.ts';

export interface ScenarioExploreOptions {
  readonly impl: Implementation;
  readonly scenario: Scenario;
  /** Its samplers keep handing out schedules for the one scenario until the budget ends. */
  readonly strategy: StrategySpec;
  readonly seed: number;
  readonly maxSchedules: number;
  readonly timeBudgetMs: number;
  readonly untilFirst: boolean;
  readonly clock: () => number;
  /**
   * Where a supervised worker saw this exploration hang: explore up to there (every schedule
   * before it finished), and make the hanging schedule, run up to just before the hang, a finding.
   */
  readonly hang?: HangPoint | undefined;
}

/** The stream of schedules an exploration runs, up to `limit` and, unless locating a hang, the budget. */
function explorationSchedules(
  options: ScenarioExploreOptions,
  strategy: Strategy,
  metrics: ScheduleMetrics,
  limit: number,
  watch: ScheduleWatch | undefined,
): AsyncIterable<ExploredSchedule> {
  const { impl, scenario, clock } = options;
  const started = clock();
  const from = { seed: options.seed, firstIndex: 0, watch };
  let schedules: AsyncIterable<ExploredSchedule> = limitSchedules(
    measured(runStrategy(scenario, impl, strategy, from), scenario.tasks.length, metrics),
    limit,
  );
  // Locating a hang re-runs what the worker ran, whatever time that takes.
  if (options.hang === undefined) schedules = limitTime(schedules, options.timeBudgetMs, clock, started);
  if (options.untilFirst) schedules = stopAfter(schedules, ({ run }) => run.violations.length > 0);
  return schedules;
}

/**
 * Runs the schedules an exploration explores, under `watch`, without shrinking what fails, and
 * says how many ran: what a supervised worker does first, so that the exploration itself
 * (`maxSchedules` that many) only runs schedules known to finish.
 */
export async function runExplorationSchedules(
  options: ScenarioExploreOptions,
  watch: ScheduleWatch,
): Promise<number> {
  const strategy = createStrategy(options.strategy, UNBOUNDED_PER_SCENARIO);
  const metrics = createMetrics();
  for await (const _ of explorationSchedules(options, strategy, metrics, options.maxSchedules, watch));
  return metrics.schedules;
}

/** Explores `options.scenario`, shrinking what breaks. */
export async function exploreScenario(options: ScenarioExploreOptions): Promise<CampaignResult> {
  const { impl, scenario, clock, hang } = options;
  const started = clock();
  const strategy = createStrategy(options.strategy, UNBOUNDED_PER_SCENARIO);
  const known = new Set<InvariantId>();
  const findings: Finding[] = [];
  const metrics = createMetrics();
  if (hang !== undefined && hungBeforeTasks(hang)) {
    // create() or the setup hung: every schedule of the scenario would hang the same way.
    findings.push(buildHangFinding(impl, scenario, undefined, hang));
  }
  const limit = hang === undefined ? options.maxSchedules : hungBeforeTasks(hang) ? 0 : hang.schedule;
  const watch = hang === undefined ? undefined : hangLocator(hang);
  const schedules = explorationSchedules(options, strategy, metrics, limit, watch);
  let nondeterminism: NondeterminismDiagnosis | undefined;
  try {
    for await (const { index, run } of schedules) {
      if (hang !== undefined && index + 1 === hang.schedule) {
        findings.push(buildHangFinding(impl, scenario, run, hang));
        break;
      }
      const fresh = run.violations.find((v) => !known.has(v.invariant));
      if (fresh === undefined) continue;
      known.add(fresh.invariant);
      try {
        findings.push(await buildFinding({ scenario, run }, impl, fresh.invariant, index + 1, options.seed));
      } catch (error) {
        if (!(error instanceof NondeterminismError)) throw error;
        nondeterminism ??= diagnoseNondeterminism(impl.name, index + 1, error);
      }
    }
  } catch (error) {
    // DFS itself re-runs prefixes of the scenario and sees one come out otherwise.
    if (!(error instanceof NondeterminismError)) throw error;
    nondeterminism ??= diagnoseNondeterminism(impl.name, metrics.schedules + 1, error);
  }
  return {
    impl: impl.name,
    strategy: strategy.name,
    // A hang before the concurrent phase was not run again here, but ran on the worker.
    schedules: metrics.schedules + (hang !== undefined && hungBeforeTasks(hang) ? 1 : 0),
    plannedSchedules: options.maxSchedules,
    scenarios: 1,
    chunks: 1,
    elapsedMs: clock() - started,
    findings,
    errors: [],
    failures: [],
    maxTasks: scenario.tasks.length,
    maxSteps: metrics.maxSteps,
    status: strategy.describe(),
    ...coverageOf(strategy),
    ...(nondeterminism === undefined ? {} : { nondeterminism }),
  };
}
