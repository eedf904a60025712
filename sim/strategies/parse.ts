/** Strategy names as the CLI takes them (`--strategy pct --depth 3`), mapped to strategies. */
import { createDfsStrategy } from './dfs.ts';
import { createPctStrategy } from './pct.ts';
import { createPortfolioStrategy } from './portfolio.ts';
import { createRandomStrategy } from './random.ts';
import type { Strategy } from './types.ts';

export const STRATEGY_NAMES = ['random', 'pct', 'dfs', 'portfolio'] as const;

export type ParsedStrategy = { ok: true; strategy: Strategy } | { ok: false; error: string };

/** `depth` is PCT's bug depth (for `pct` and the PCT member of `portfolio`). */
export function parseStrategy(name: string, depth: number): ParsedStrategy {
  const needsDepth = name === 'pct' || name === 'portfolio';
  if (needsDepth && (!Number.isInteger(depth) || depth < 1))
    return { ok: false, error: `strategy ${name}: depth must be an integer ≥ 1 (got ${depth})` };
  switch (name) {
    case 'random':
      return { ok: true, strategy: createRandomStrategy() };
    case 'pct':
      return { ok: true, strategy: createPctStrategy({ depth }) };
    case 'dfs':
      return { ok: true, strategy: createDfsStrategy() };
    case 'portfolio':
      return {
        ok: true,
        strategy: createPortfolioStrategy([
          createRandomStrategy(),
          createPctStrategy({ depth }),
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
