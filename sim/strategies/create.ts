/** Builds a fresh strategy from its {@link StrategySpec}. */
import { createDfsStrategy } from './dfs.ts';
import { createDporStrategy } from './dpor.ts';
import type { StrategySpec } from './parse.ts';
import { createPctStrategy } from './pct.ts';
import { createPortfolioStrategy } from './portfolio.ts';
import { createPosStrategy } from './pos.ts';
import { createRandomStrategy } from './random.ts';
import { createRffStrategy } from './rff.ts';
import { createSurwStrategy } from './surw.ts';
import type { Strategy } from './types.ts';

export interface StrategyOptions {
  /**
   * Schedules per scenario for the sampling strategies (random, PCT, POS), RFF and SURW; default 1. Exploring one
   * fixed scenario passes a large number so they go on until the budget ends.
   */
  readonly schedulesPerScenario?: number;
}

/** Schedules per scenario when one fixed scenario is explored: the budget decides when to stop. */
export const UNBOUNDED_PER_SCENARIO: StrategyOptions = { schedulesPerScenario: Number.MAX_SAFE_INTEGER };

/**
 * DPOR's traces per generated scenario unless told otherwise: enough to exhaust most small ones
 * (2 tasks of 1–2 operations take tens to hundreds), few enough that one large scenario does not
 * take a campaign's whole budget.
 */
export const DPOR_TRACES_PER_GENERATED_SCENARIO = 1_000;

const bounded = (bound: number | undefined) => (bound === undefined ? {} : { maxPreemptions: bound });

export function createStrategy(spec: StrategySpec, options: StrategyOptions = {}): Strategy {
  const sampling = { schedulesPerScenario: options.schedulesPerScenario ?? 1 };
  const { depth } = spec;
  switch (spec.name) {
    case 'random':
      return createRandomStrategy(sampling);
    case 'pct':
      return createPctStrategy({ depth, ...sampling });
    case 'pos':
      return createPosStrategy(sampling);
    case 'rff':
      return createRffStrategy(sampling);
    case 'dfs':
      return createDfsStrategy(bounded(spec.preemptionBound));
    case 'dpor':
      return createDporStrategy({
        maxTraces:
          spec.tracesPerScenario ?? options.schedulesPerScenario ?? DPOR_TRACES_PER_GENERATED_SCENARIO,
        // Without a bound of its own it searches bound by bound: shallow bugs first, and still
        // complete once a pass prunes nothing (`regsim verify` runs it unbounded instead).
        ...(spec.preemptionBound === undefined
          ? { iterativeBounding: true }
          : { maxPreemptions: spec.preemptionBound }),
      });
    case 'surw':
      return createSurwStrategy(sampling);
    case 'portfolio':
      return createPortfolioStrategy(portfolioMembers(depth, sampling.schedulesPerScenario));
  }
}

/**
 * The portfolio's members. Over generated scenarios (one schedule each per sampler) a random walk,
 * PCT and a small DFS (≤ 2 preemptions, 200 schedules per scenario) as before; SURW would only
 * repeat the random walk there, having no run to profile from. On one fixed scenario SURW joins
 * and DFS searches as the `dfs` strategy does: measured with bench/detection.bench.ts, that mix
 * beats random, PCT and DFS alone on most findings (POS was measured too and did not pay).
 */
function portfolioMembers(depth: number, perScenario: number): Strategy[] {
  const sampling = { schedulesPerScenario: perScenario };
  if (perScenario === 1)
    return [
      createRandomStrategy(sampling),
      createPctStrategy({ depth, ...sampling }),
      createDfsStrategy({ maxPreemptions: 2, maxSchedules: 200 }),
    ];
  return [
    createRandomStrategy(sampling),
    createPctStrategy({ depth, ...sampling }),
    createSurwStrategy(sampling),
    createDfsStrategy(),
  ];
}
