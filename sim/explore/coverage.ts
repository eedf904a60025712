/**
 * The coverage of an exhausting strategy (DPOR) as a campaign reports it: taken from each chunk's
 * or scenario's strategy, summed over chunks, and judged complete only when every scenario begun
 * had its every trace explored.
 */
import type { Strategy, StrategyCoverage } from '../strategies/types.ts';

/** `{ coverage }` for a strategy that has one, else nothing (spread into a scan or a result). */
export function coverageOf(strategy: Strategy): { coverage?: StrategyCoverage } {
  const coverage = strategy.coverage?.();
  return coverage === undefined ? {} : { coverage };
}

/** The sum of the coverages given, or undefined when none is. */
export function sumCoverage(parts: readonly (StrategyCoverage | undefined)[]): StrategyCoverage | undefined {
  const present = parts.filter((p): p is StrategyCoverage => p !== undefined);
  if (present.length === 0) return undefined;
  return {
    traces: present.reduce((n, p) => n + p.traces, 0),
    scenarios: present.reduce((n, p) => n + p.scenarios, 0),
    exhausted: present.reduce((n, p) => n + p.exhausted, 0),
  };
}

/** True when at least one scenario was begun and every one begun was exhausted. */
export const isComplete = (coverage: StrategyCoverage): boolean =>
  coverage.scenarios > 0 && coverage.exhausted === coverage.scenarios;
