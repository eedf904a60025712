/**
 * Explores one given scenario (`regsim fuzz --scenario`): one strategy pass over its schedules —
 * DFS to its preemption bound, the samplers until the budget ends — shrinking what breaks.
 * Runs on this thread: a single scenario's schedule tree is not split into chunks.
 */
import type { InvariantId } from '../../src/invariants/index.ts';
import type { Implementation } from '../../src/types.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Strategy } from '../strategies/types.ts';
import type { CampaignResult } from './campaign.ts';
import { buildFinding, type Finding } from './finding.ts';
import { runSchedule } from './runSchedule.ts';
import { deriveSeed } from './seeds.ts';

export interface ScenarioExploreOptions {
  readonly impl: Implementation;
  readonly scenario: Scenario;
  /** A strategy whose samplers keep handing out schedules for one scenario. */
  readonly strategy: Strategy;
  readonly seed: number;
  readonly maxSchedules: number;
  readonly timeBudgetMs: number;
  readonly untilFirst: boolean;
  readonly clock: () => number;
}

export async function exploreScenario(options: ScenarioExploreOptions): Promise<CampaignResult> {
  const { impl, scenario, strategy, clock } = options;
  const started = clock();
  const known = new Set<InvariantId>();
  const findings: Finding[] = [];
  let schedules = 0;
  let maxSteps = 0;
  strategy.beginScenario();
  while (schedules < options.maxSchedules && clock() - started < options.timeBudgetMs) {
    const chooser = strategy.next({
      index: schedules,
      seed: deriveSeed(options.seed, schedules),
      tasks: scenario.tasks.length,
    });
    if (chooser === undefined) break;
    const run = await runSchedule(scenario, impl, chooser);
    const steps = run.execution.phases.tasks?.steps ?? 0;
    strategy.done({ steps });
    schedules++;
    maxSteps = Math.max(maxSteps, steps);
    const fresh = run.violations.find((v) => !known.has(v.invariant));
    if (fresh === undefined) continue;
    known.add(fresh.invariant);
    findings.push(await buildFinding({ scenario, run }, impl, fresh.invariant, schedules, options.seed));
    if (options.untilFirst) break;
  }
  return {
    impl: impl.name,
    strategy: strategy.name,
    schedules,
    scenarios: 1,
    chunks: 1,
    elapsedMs: clock() - started,
    findings,
    errors: [],
    failures: [],
    maxTasks: scenario.tasks.length,
    maxSteps,
    status: strategy.describe(),
  };
}
