/**
 * The outcome of a fuzz campaign as data: the object `regsim fuzz --json` prints, `regsim merge`
 * reads back and combines, and the programmatic API returns. Plain JSON, so it crosses processes
 * and CI jobs unchanged.
 */
import type { ChunkError } from '../explore/campaign.ts';
import type { PctConfidence } from '../explore/confidence.ts';
import type { RacingPair } from '../explore/racingPairs.ts';
import type { NondeterminismDiagnosis } from '../schedule/nondeterminism.ts';

/** What makes two results shards of the same campaign. */
export interface CampaignIdentity {
  readonly impls: readonly string[];
  readonly strategy: string;
  readonly depth: number;
  readonly seed: number;
  readonly schedules: number;
  /** `dpor`'s `--traces-per-scenario`, when given. */
  readonly tracesPerScenario?: number;
  /** `dfs`'s and `dpor`'s `--preemption-bound`, when given. */
  readonly preemptionBound?: number;
}

/** One implementation's campaign in a fuzz result. */
export interface ImplementationResult {
  readonly impl: string;
  readonly schedules: number;
  readonly scenarios: number;
  readonly status: string;
  readonly chunks: number;
  readonly errors: readonly ChunkError[];
  /** The earliest failing schedule (1-based) per invariant, before shrinking. */
  readonly failingSchedules: Readonly<Record<string, number>>;
  /** PCT's bound; absent when no schedule was explored, since nothing backs it then. */
  readonly confidence?: PctConfidence;
  /** Present when a failure did not replay: the implementation is not deterministic. */
  readonly nondeterminism?: NondeterminismDiagnosis;
  /** DPOR: schedules that each explored a new trace (one per Mazurkiewicz trace). */
  readonly traces?: number;
  /** DPOR: scenarios whose every trace was explored. */
  readonly exhaustedScenarios?: number;
  /** DPOR: every scenario explored had its trace space exhausted (so it is verified, not sampled). */
  readonly complete?: boolean;
}

/** A shrunk counterexample in a fuzz result. */
export interface ViolationResult {
  readonly impl: string;
  readonly invariant: string;
  readonly message: string;
  readonly depth: number;
  readonly firstSchedule: number;
  readonly token: string;
  readonly tasks: number;
  readonly operations: number;
  readonly alsoBroken: readonly string[];
  /** The racing pairs of the minimal counterexample; empty for a sequential one (depth 0). */
  readonly race: readonly RacingPair[];
}

/** The `regsim fuzz --json` output (`shard` is 1-based, as on the command line). */
export interface FuzzResult {
  readonly ok: boolean;
  readonly seed: number;
  readonly strategy: string;
  readonly schedules: number;
  readonly elapsedMs: number;
  readonly schedulesPerSecond: number;
  readonly threads: number;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly campaign: CampaignIdentity;
  readonly implementations: readonly ImplementationResult[];
  readonly violations: readonly ViolationResult[];
}

/** The `regsim merge --json` output: a fuzz result over several shards. */
export interface MergedResult extends FuzzResult {
  readonly shards: {
    readonly count: number;
    readonly merged: readonly number[];
    /** Shards not given to the merge: their schedules were not explored. */
    readonly missing: readonly number[];
  };
}

/** A parsed result file. */
export interface ShardInput {
  readonly file: string;
  readonly result: FuzzResult;
}

/** A result, or why there is none. */
export type Check<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };
