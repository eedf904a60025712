/**
 * Explores one given scenario (`regsim fuzz --scenario`): one strategy pass over its schedules —
 * DFS to its preemption bound, the samplers until the budget ends — shrinking what breaks.
 * Runs on this thread: a single scenario's schedule tree is not split into chunks.
 */
import type { InvariantId } from '../../src/invariants/index.ts';
import type { Implementation } from '../../src/types.ts';
import type { Scenario } from '../scenario/types.ts';
import { createStrategy, UNBOUNDED_PER_SCENARIO } from '../strategies/create.ts';
import type { StrategySpec } from '../strategies/parse.ts';
import type { CampaignResult } from './campaign.ts';
import { buildFinding, type Finding } from './finding.ts';
import { limitSchedules, limitTime, stopAfter } from './limits.ts';
import { createMetrics, measured } from './metrics.ts';
import { type ExploredSchedule, runStrategy } from './run.ts';

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
}

export async function exploreScenario(options: ScenarioExploreOptions): Promise<CampaignResult> {
  const { impl, scenario, clock } = options;
  const started = clock();
  const strategy = createStrategy(options.strategy, UNBOUNDED_PER_SCENARIO);
  const known = new Set<InvariantId>();
  const findings: Finding[] = [];
  const metrics = createMetrics();
  let schedules: AsyncIterable<ExploredSchedule> = limitTime(
    limitSchedules(
      measured(
        runStrategy(scenario, impl, strategy, { seed: options.seed, firstIndex: 0 }),
        scenario.tasks.length,
        metrics,
      ),
      options.maxSchedules,
    ),
    options.timeBudgetMs,
    clock,
    started,
  );
  if (options.untilFirst) schedules = stopAfter(schedules, ({ run }) => run.violations.length > 0);
  for await (const { index, run } of schedules) {
    const fresh = run.violations.find((v) => !known.has(v.invariant));
    if (fresh === undefined) continue;
    known.add(fresh.invariant);
    findings.push(await buildFinding({ scenario, run }, impl, fresh.invariant, index + 1, options.seed));
  }
  return {
    impl: impl.name,
    strategy: strategy.name,
    schedules: metrics.schedules,
    scenarios: 1,
    chunks: 1,
    elapsedMs: clock() - started,
    findings,
    errors: [],
    failures: [],
    maxTasks: scenario.tasks.length,
    maxSteps: metrics.maxSteps,
    status: strategy.describe(),
  };
}
