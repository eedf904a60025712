/** A minimal counterexample for one invariant, and how one is made from a failing run. */
import type { InvariantId, Violation } from '../../src/invariants/index.ts';
import type { Implementation } from '../../src/types.ts';
import { encodeToken } from '../replay/token.ts';
import type { Execution } from '../scenario/execute.ts';
import type { Scenario } from '../scenario/types.ts';
import { NondeterminismError } from '../schedule/nondeterminism.ts';
import type { ScheduleStep } from '../schedule/types.ts';
import { findRacingPairs, type RacingPair } from './racingPairs.ts';
import { type Counterexample, shrinkScenario } from './shrinkScenario.ts';
import { shrinkSchedule } from './shrinkSchedule.ts';

export interface Finding {
  readonly impl: string;
  readonly invariant: InvariantId;
  readonly message: string;
  /** Preemptions in the minimal schedule: the bug's depth. */
  readonly depth: number;
  readonly token: string;
  /** 1-based index of the schedule that first hit this invariant in the campaign. */
  readonly firstSchedule: number;
  readonly scenario: Scenario;
  readonly schedule: readonly ScheduleStep[];
  /** Every violation of the minimal run (other invariants may break alongside). */
  readonly violations: readonly Violation[];
  /** Conflicting steps whose order decides the violation (none for a sequential finding). */
  readonly race: readonly RacingPair[];
  /** The minimal run itself, which reports draw (its trace and history) without running it again. */
  readonly execution: Execution;
}

/**
 * Finishes shrinking a counterexample fast-check has already shrunk: the deletion pass over the
 * scenario, then the schedule (fewer preemptions, earlier end).
 */
export async function buildFinding(
  found: Counterexample,
  impl: Implementation,
  invariant: InvariantId,
  firstSchedule: number,
  seed: number,
): Promise<Finding> {
  const shrunk = await shrinkScenario(found, impl, invariant, seed);
  // A scenario file's scripted schedule would name the tasks shrinking removed, and a token
  // holding it would not decode; the finding has a schedule of its own.
  const { schedule: _script, ...unscripted } = shrunk.scenario;
  const scenario =
    shrunk.scenario.tasks.length === found.scenario.tasks.length ? shrunk.scenario : unscripted;
  return scheduleFinding({ scenario, run: shrunk.run }, impl, invariant, firstSchedule);
}

/**
 * The finding of a failing run of a scenario kept as it is (already minimal, as `regsim verify`'s
 * smallest failing scenario is): only the schedule is shrunk.
 */
export async function scheduleFinding(
  found: Counterexample,
  impl: Implementation,
  invariant: InvariantId,
  firstSchedule: number,
): Promise<Finding> {
  const { scenario, run } = found;
  const minimal = await shrinkSchedule(scenario, impl, run, invariant);
  const target = minimal.violations.find((v) => v.invariant === invariant);
  if (target === undefined) {
    throw new NondeterminismError(0, `its shrunk run no longer broke ${invariant}`);
  }
  return {
    impl: impl.name,
    invariant,
    message: target.message,
    depth: minimal.preemptions,
    token: encodeToken({ impl: impl.name, scenario, schedule: minimal.schedule }),
    firstSchedule,
    scenario,
    schedule: minimal.schedule,
    violations: minimal.violations,
    race: await findRacingPairs(scenario, impl, minimal, invariant),
    execution: minimal.execution,
  };
}
