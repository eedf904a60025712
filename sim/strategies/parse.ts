/**
 * Strategy names as the CLI takes them (`--strategy pct --depth 3`), read once into a plain
 * {@link StrategySpec}: data that crosses thread boundaries and goes into results, from which
 * each chunk, scenario or benchmark builds its own strategy (`create.ts`).
 */

export const STRATEGY_NAMES = ['random', 'pct', 'pos', 'rff', 'surw', 'dfs', 'portfolio'] as const;

export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** A strategy as data: which one, and PCT's bug depth (for `pct` and `portfolio`'s PCT member). */
export interface StrategySpec {
  readonly name: StrategyName;
  readonly depth: number;
}

export type ParsedStrategy = { ok: true; spec: StrategySpec } | { ok: false; error: string };

const isStrategyName = (name: string): name is StrategyName =>
  (STRATEGY_NAMES as readonly string[]).includes(name);

/** Checks a strategy name and depth, and says what is wrong with them in one sentence. */
export function parseStrategy(name: string, depth: number): ParsedStrategy {
  if (!isStrategyName(name)) {
    return {
      ok: false,
      error: `unknown strategy ${JSON.stringify(name)}: expected one of ${STRATEGY_NAMES.join(', ')}`,
    };
  }
  const needsDepth = name === 'pct' || name === 'portfolio';
  if (needsDepth && (!Number.isInteger(depth) || depth < 1))
    return { ok: false, error: `strategy ${name}: depth must be an integer ≥ 1 (got ${depth})` };
  return { ok: true, spec: { name, depth } };
}
