/**
 * The outcome of `regsim verify` as data: what `verify --json` prints, `regsim merge` reads back
 * and the programmatic API returns. Plain JSON, like the fuzz result.
 */
import type { CountRange } from '../verify/bound.ts';
import type { VerifyRun } from '../verify/verify.ts';

/** The smallest failing scenario, as a result reports it. */
export interface VerifyCounterexampleResult {
  /** 1-based place of the scenario in the enumeration (its name is `verify <universe> #<n>`). */
  readonly scenario: number;
  readonly invariant: string;
  readonly message: string;
  /** Preemptions in the shrunk schedule. */
  readonly depth: number;
  /** 1-based index of the first failing schedule within the scenario's exploration. */
  readonly firstSchedule: number;
  readonly tasks: number;
  readonly operations: number;
  readonly alsoBroken: readonly string[];
  /** `regsim replay <token>` reproduces it. */
  readonly token: string;
}

/** The `regsim verify --json` output (`shard` is 1-based, as on the command line). */
export interface VerifyResult {
  readonly impl: string;
  readonly universe: string;
  readonly tasks: CountRange;
  readonly ops: CountRange;
  /** Traces per scenario after which its exploration stopped incomplete. */
  readonly maxTraces: number;
  /** Scenarios explored. */
  readonly scenarios: number;
  /** Schedules run over all scenarios. */
  readonly traces: number;
  readonly elapsedMs: number;
  /** No violation in any interleaving of any scenario within the bound, every exploration complete. */
  readonly verified: boolean;
  /** Every scenario asked for was explored to its end (or the run stopped at a counterexample). */
  readonly complete: boolean;
  /** Scenarios whose exploration hit `maxTraces`, and the 1-based place of the first. */
  readonly incomplete: number;
  readonly firstIncomplete?: number;
  readonly counterexample?: VerifyCounterexampleResult;
  /** Why the verdict cannot be trusted: a schedule did not replay. */
  readonly nondeterminism?: string;
  readonly shard: { readonly index: number; readonly count: number } | null;
}

/** What a verification was asked to do. */
export interface VerifyRunInfo {
  readonly impl: string;
  readonly universe: string;
  readonly tasks: CountRange;
  readonly ops: CountRange;
  readonly maxTraces: number;
  /** 0-based, as the run takes it. */
  readonly shard?: { readonly index: number; readonly count: number } | undefined;
}

/** The result of a run. */
export function buildVerifyResult(info: VerifyRunInfo, run: VerifyRun): VerifyResult {
  const c = run.counterexample;
  const complete = c !== undefined || (run.incomplete === 0 && run.nondeterminism === undefined);
  return {
    impl: info.impl,
    universe: info.universe,
    tasks: info.tasks,
    ops: info.ops,
    maxTraces: info.maxTraces,
    scenarios: run.scenarios,
    traces: run.traces,
    elapsedMs: Math.round(run.elapsedMs),
    verified: c === undefined && run.incomplete === 0 && run.nondeterminism === undefined,
    complete,
    incomplete: run.incomplete,
    ...(run.firstIncomplete === undefined ? {} : { firstIncomplete: run.firstIncomplete }),
    ...(c === undefined
      ? {}
      : {
          counterexample: {
            scenario: c.scenario,
            invariant: c.finding.invariant,
            message: c.finding.message,
            depth: c.finding.depth,
            firstSchedule: c.finding.firstSchedule,
            tasks: c.finding.scenario.tasks.length,
            operations: c.finding.scenario.tasks.reduce((n, t) => n + t.ops.length, 0),
            alsoBroken: [...new Set(c.finding.violations.map((v) => v.invariant))].filter(
              (i) => i !== c.finding.invariant,
            ),
            token: c.finding.token,
          },
        }),
    ...(run.nondeterminism === undefined ? {} : { nondeterminism: run.nondeterminism }),
    shard: info.shard === undefined ? null : { index: info.shard.index + 1, count: info.shard.count },
  };
}

/** The exit code of a verification: 0 verified, 1 a counterexample or no trustworthy verdict, 3 incomplete. */
export function verifyExitCode(result: VerifyResult): number {
  if (result.verified) return 0;
  if (result.counterexample !== undefined || result.nondeterminism !== undefined) return 1;
  return 3;
}

/** The sentence a verified run ends with. */
export const VERIFIED_LINE = 'verified: no violation in any interleaving of any scenario within the bound';
