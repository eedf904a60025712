/**
 * The one place `regsim verify` builds the strategy that decides a scenario: one that explores
 * its trace space to the end and says whether it got there. It is DPOR (`strategies/dpor.ts`),
 * unbounded: one schedule per Mazurkiewicz trace, each trace checked, so a scenario it exhausts
 * without a violation has none in any interleaving (the property test in
 * test/strategies/dpor.test.ts holds it to exhaustive DFS's outcomes).
 */
import { createDporStrategy, type DporStrategy } from '../strategies/dpor.ts';

/** A strategy that can tell when it has explored a scenario's whole trace space. */
export type ExhaustiveStrategy = DporStrategy;

export interface ExhaustiveOptions {
  /** Traces per scenario after which exploration stops, leaving the scenario incomplete. */
  readonly maxTraces: number;
}

/** The strategy that decides one scenario within `options.maxTraces` traces. */
export function createExhaustiveStrategy(options: ExhaustiveOptions): ExhaustiveStrategy {
  return createDporStrategy({ maxTraces: options.maxTraces });
}
