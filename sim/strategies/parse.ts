/** Strategy names as the CLI takes them (`--strategy pct --depth 3`), mapped to strategies. */
import { createDfsStrategy } from './dfs.ts';
import { createPctStrategy } from './pct.ts';
import { createPortfolioStrategy } from './portfolio.ts';
import { createPosStrategy } from './pos.ts';
import { createRandomStrategy } from './random.ts';
import type { Strategy } from './types.ts';

export const STRATEGY_NAMES = ['random', 'pct', 'pos', 'dfs', 'portfolio'] as const;

export type ParsedStrategy = { ok: true; strategy: Strategy } | { ok: false; error: string };

export interface StrategyOptions {
  /**
   * Schedules per scenario for the sampling strategies (random, PCT, POS); default 1. Exploring one
   * fixed scenario passes a large number so they go on until the budget ends.
   */
  readonly schedulesPerScenario?: number;
}

/** `depth` is PCT's bug depth (for `pct` and the PCT member of `portfolio`). */
export function parseStrategy(name: string, depth: number, options: StrategyOptions = {}): ParsedStrategy {
  const sampling = { schedulesPerScenario: options.schedulesPerScenario ?? 1 };
  const needsDepth = name === 'pct' || name === 'portfolio';
  if (needsDepth && (!Number.isInteger(depth) || depth < 1))
    return { ok: false, error: `strategy ${name}: depth must be an integer ≥ 1 (got ${depth})` };
  switch (name) {
    case 'random':
      return { ok: true, strategy: createRandomStrategy(sampling) };
    case 'pct':
      return { ok: true, strategy: createPctStrategy({ depth, ...sampling }) };
    case 'pos':
      return { ok: true, strategy: createPosStrategy(sampling) };
    case 'dfs':
      return { ok: true, strategy: createDfsStrategy() };
    case 'portfolio':
      return {
        ok: true,
        strategy: createPortfolioStrategy([
          createRandomStrategy(sampling),
          createPctStrategy({ depth, ...sampling }),
          createDfsStrategy({ maxPreemptions: 2, maxSchedules: 200 }),
        ]),
      };
    default:
      return {
        ok: false,
        error: `unknown strategy ${JSON.stringify(name)}: expected one of ${STRATEGY_NAMES.join(', ')}`,
      };
  }
}
