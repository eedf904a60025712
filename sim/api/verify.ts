/**
 * `verify(options)`: bounded verification from code, returning the object `regsim verify --json`
 * prints. Prints nothing and never exits; a misuse (an unknown implementation or universe, a bad
 * range) rejects with one sentence, as the command's usage errors say it.
 */
import { performance } from 'node:perf_hooks';
import type { Check } from '../outcome/types.ts';
import { buildVerifyResult, type VerifyResult } from '../outcome/verifyResult.ts';
import { resolveImplementation } from '../plugins/resolveImplementation.ts';
import { type CountRange, parseRange } from '../verify/bound.ts';
import { VERIFY_DEFAULTS } from '../verify/defaults.ts';
import { isUniverseName, UNIVERSE_NAMES, UNIVERSES, type UniverseName } from '../verify/universes.ts';
import {
  type VerifyOptions as CoreOptions,
  verify as runVerify,
  type VerifyProgress,
  type VerifyRun,
} from '../verify/verify.ts';

/** What to verify; every field but `impl` has the command's default. */
export interface VerifyOptions {
  /** A built-in implementation's name or a plugin module's path. */
  readonly impl: string;
  /** Default `small`. */
  readonly universe?: UniverseName;
  /** Concurrent tasks per scenario: a count, `a..b`, or a range; default 2..3. */
  readonly tasks?: number | string | CountRange;
  /** Operations per task, likewise; default 1. */
  readonly ops?: number | string | CountRange;
  /** Traces per scenario after which its exploration stops incomplete; default 100,000. */
  readonly maxTraces?: number;
  /** One slice of the scenarios, 1-based as on the command line (`{ index: 2, count: 4 }`). */
  readonly shard?: { readonly index: number; readonly count: number };
}

function range(
  flag: string,
  value: number | string | CountRange | undefined,
  fallback: CountRange,
): Check<CountRange> {
  if (value === undefined) return { ok: true, value: fallback };
  const text = typeof value === 'object' ? `${value.min}..${value.max}` : String(value);
  const parsed = parseRange(flag, text);
  return parsed.ok ? { ok: true, value: parsed.range } : parsed;
}

/** Checks `options` and resolves what they name into the core's options (less the clock and progress). */
export async function prepareVerify(
  options: VerifyOptions,
): Promise<Check<Omit<CoreOptions, 'clock' | 'onProgress'>>> {
  const fail = (error: string) => ({ ok: false, error }) as const;
  const resolved = await resolveImplementation(options.impl);
  if (!resolved.ok) return fail(resolved.error);
  const universe = options.universe ?? VERIFY_DEFAULTS.universe;
  if (!isUniverseName(universe))
    return fail(`unknown universe "${String(universe)}" (one of ${UNIVERSE_NAMES.join(', ')})`);
  const tasks = range('tasks', options.tasks, VERIFY_DEFAULTS.tasks);
  if (!tasks.ok) return tasks;
  const ops = range('ops', options.ops, VERIFY_DEFAULTS.ops);
  if (!ops.ok) return ops;
  const maxTraces = options.maxTraces ?? VERIFY_DEFAULTS.maxTraces;
  if (!Number.isSafeInteger(maxTraces) || maxTraces < 1)
    return fail(`--max-traces expects an integer from 1, got ${maxTraces}`);
  const { shard } = options;
  if (
    shard !== undefined &&
    !(
      Number.isSafeInteger(shard.count) &&
      Number.isSafeInteger(shard.index) &&
      shard.index >= 1 &&
      shard.index <= shard.count
    )
  )
    return fail(`--shard expects i/n with 1 ≤ i ≤ n, got ${shard.index}/${shard.count}`);
  return {
    ok: true,
    value: {
      impl: resolved.impl,
      universe: UNIVERSES[universe],
      bound: { tasks: tasks.value, ops: ops.value },
      maxTraces,
      shard: shard === undefined ? undefined : { index: shard.index - 1, count: shard.count },
    },
  };
}

/** A run and its result: the command draws the counterexample's table from the run. */
export interface VerifyOutcome {
  readonly result: VerifyResult;
  readonly run: VerifyRun;
}

/** Runs a checked verification. */
export async function runPreparedVerify(
  prepared: Omit<CoreOptions, 'clock' | 'onProgress'>,
  onProgress?: (progress: VerifyProgress) => void,
): Promise<VerifyOutcome> {
  const run = await runVerify({ ...prepared, clock: () => performance.now(), onProgress });
  const result = buildVerifyResult(
    {
      impl: prepared.impl.name,
      universe: prepared.universe.name,
      tasks: prepared.bound.tasks,
      ops: prepared.bound.ops,
      maxTraces: prepared.maxTraces,
      shard: prepared.shard,
    },
    run,
  );
  return { result, run };
}

/**
 * Verifies `options.impl` on every scenario of the universe within the bound: each explored in
 * every interleaving. Resolves to what `regsim verify --json` prints.
 */
export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  const prepared = await prepareVerify(options);
  if (!prepared.ok) throw new Error(`verify: ${prepared.error}`);
  return (await runPreparedVerify(prepared.value)).result;
}
