/**
 * Strategy names as the CLI takes them (`--strategy pct --depth 3`), read once into a plain
 * {@link StrategySpec}: data that crosses thread boundaries and goes into results, from which
 * each chunk, scenario or benchmark builds its own strategy (`create.ts`).
 */

export const STRATEGY_NAMES = ['random', 'pct', 'pos', 'rff', 'surw', 'dfs', 'dpor', 'portfolio'] as const;

export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** A strategy as data: which one, and PCT's bug depth (for `pct` and `portfolio`'s PCT member). */
export interface StrategySpec {
  readonly name: StrategyName;
  readonly depth: number;
  /** `dpor`: traces per scenario before it moves on (default: the whole budget for one given scenario, 1000 per generated one). */
  readonly tracesPerScenario?: number;
  /** `dfs` and `dpor`: the most preemptions a schedule may make (default 3 for dfs, none for dpor). */
  readonly preemptionBound?: number;
}

/** The exhaustive strategies' bounds, as `--traces-per-scenario` and `--preemption-bound` give them. */
export interface StrategyBounds {
  readonly tracesPerScenario?: number | undefined;
  readonly preemptionBound?: number | undefined;
}

export type ParsedStrategy = { ok: true; spec: StrategySpec } | { ok: false; error: string };

const isStrategyName = (name: string): name is StrategyName =>
  (STRATEGY_NAMES as readonly string[]).includes(name);

/** Checks a strategy name and depth, and says what is wrong with them in one sentence. */
export function parseStrategy(name: string, depth: number, bounds: StrategyBounds = {}): ParsedStrategy {
  if (!isStrategyName(name)) {
    return {
      ok: false,
      error: `unknown strategy ${JSON.stringify(name)}: expected one of ${STRATEGY_NAMES.join(', ')}`,
    };
  }
  const needsDepth = name === 'pct' || name === 'portfolio';
  if (needsDepth && (!Number.isInteger(depth) || depth < 1))
    return { ok: false, error: `strategy ${name}: depth must be an integer ≥ 1 (got ${depth})` };
  const { tracesPerScenario, preemptionBound } = bounds;
  if (tracesPerScenario !== undefined) {
    if (name !== 'dpor')
      return { ok: false, error: `a trace budget per scenario applies to dpor, not ${name}` };
    if (!Number.isInteger(tracesPerScenario) || tracesPerScenario < 1)
      return {
        ok: false,
        error: `dpor: traces per scenario must be an integer ≥ 1 (got ${tracesPerScenario})`,
      };
  }
  if (preemptionBound !== undefined) {
    if (name !== 'dpor' && name !== 'dfs')
      return { ok: false, error: `a preemption bound applies to dfs and dpor, not ${name}` };
    if (!Number.isInteger(preemptionBound) || preemptionBound < 0)
      return {
        ok: false,
        error: `${name}: the preemption bound must be an integer ≥ 0 (got ${preemptionBound})`,
      };
  }
  return {
    ok: true,
    spec: {
      name,
      depth,
      ...(tracesPerScenario === undefined ? {} : { tracesPerScenario }),
      ...(preemptionBound === undefined ? {} : { preemptionBound }),
    },
  };
}
