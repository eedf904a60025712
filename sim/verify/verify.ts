/**
 * Bounded verification: every scenario of a universe within a bound (up to symmetry), each
 * explored to the end of its trace space by the exhaustive strategy, every schedule checked as
 * the fuzzer checks it. The first failing scenario in enumeration order (a smallest one) stops
 * the run and becomes the counterexample, its schedule shrunk and given a replay token; a
 * scenario whose exploration hit the trace budget leaves the verdict incomplete. Prints nothing.
 */
import type { Implementation } from '../../src/types.ts';
import { type Finding, scheduleFinding } from '../explore/finding.ts';
import { runStrategy } from '../explore/run.ts';
import type { Scenario } from '../scenario/types.ts';
import { diagnoseNondeterminism, NondeterminismError } from '../schedule/nondeterminism.ts';
import type { VerifyBound } from './bound.ts';
import { createExhaustiveStrategy } from './exhaustive.ts';
import { enumerateUniverse } from './universe.ts';
import type { Universe } from './universes.ts';

export interface VerifyOptions {
  readonly impl: Implementation;
  readonly universe: Universe;
  readonly bound: VerifyBound;
  /** Traces per scenario after which its exploration stops incomplete. */
  readonly maxTraces: number;
  /** Run only the scenarios whose 0-based enumeration index is `index` modulo `count`. */
  readonly shard?: { readonly index: number; readonly count: number } | undefined;
  readonly clock: () => number;
  /** Told after each scenario. */
  readonly onProgress?: ((progress: VerifyProgress) => void) | undefined;
}

export interface VerifyProgress {
  readonly scenarios: number;
  readonly traces: number;
  readonly elapsedMs: number;
}

/** The smallest failing scenario and its finding. */
export interface VerifyCounterexample {
  /** 1-based place of the scenario in the enumeration. */
  readonly scenario: number;
  readonly finding: Finding;
}

/** What a verification ran and found. */
export interface VerifyRun {
  /** Scenarios explored (in this shard). */
  readonly scenarios: number;
  /** Schedules run over all of them. */
  readonly traces: number;
  readonly elapsedMs: number;
  /** Scenarios whose exploration hit `maxTraces` before its end. */
  readonly incomplete: number;
  /** 1-based place of the first of them. */
  readonly firstIncomplete?: number;
  readonly counterexample?: VerifyCounterexample;
  /** Set when a schedule did not replay: the implementation is not deterministic. */
  readonly nondeterminism?: string;
}

/** Explores one scenario to its end (or the budget); the first failing schedule, if any. */
async function decide(scenario: Scenario, options: VerifyOptions, place: number) {
  const strategy = createExhaustiveStrategy({ maxTraces: options.maxTraces });
  // The exhaustive strategy draws no randomness: the seed is there because the runner passes one.
  for await (const { index, run } of runStrategy(scenario, options.impl, strategy, {
    seed: 0,
    firstIndex: 0,
  })) {
    const [first] = run.violations;
    if (first === undefined) continue;
    const finding = await scheduleFinding({ scenario, run }, options.impl, first.invariant, index + 1);
    return { traces: strategy.traces(), complete: true, counterexample: { scenario: place, finding } };
  }
  return { traces: strategy.traces(), complete: strategy.complete() };
}

/** Verifies `options.impl` on every scenario of the universe within the bound (or of one shard). */
export async function verify(options: VerifyOptions): Promise<VerifyRun> {
  const { impl, universe, bound, shard, clock } = options;
  const started = clock();
  let scenarios = 0;
  let traces = 0;
  let incomplete = 0;
  let firstIncomplete: number | undefined;
  let place = 0;
  const finish = (extra: Partial<VerifyRun>): VerifyRun => ({
    scenarios,
    traces,
    elapsedMs: clock() - started,
    incomplete,
    ...(firstIncomplete === undefined ? {} : { firstIncomplete }),
    ...extra,
  });
  for (const scenario of enumerateUniverse(universe, impl.operations, bound)) {
    place++;
    if (shard !== undefined && (place - 1) % shard.count !== shard.index) continue;
    scenarios++;
    try {
      const decided = await decide(scenario, options, place);
      traces += decided.traces;
      if (decided.counterexample !== undefined) return finish({ counterexample: decided.counterexample });
      if (!decided.complete) {
        incomplete++;
        firstIncomplete ??= place;
      }
    } catch (error) {
      if (!(error instanceof NondeterminismError)) throw error;
      // Counted over the whole run: the scenario's own schedule count went with its strategy.
      const diagnosis = diagnoseNondeterminism(impl.name, traces + 1, error);
      return finish({ nondeterminism: `${diagnosis.message} (scenario ${scenario.name})` });
    }
    options.onProgress?.({ scenarios, traces, elapsedMs: clock() - started });
  }
  return finish({});
}
