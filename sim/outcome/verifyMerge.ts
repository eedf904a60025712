/**
 * Reading `regsim verify --shard i/n --json` results back and merging them. Shard k of n ran the
 * scenarios whose 0-based enumeration index is k − 1 modulo n, so counts add up, and the
 * counterexample is the one at the smallest enumeration place: the one the unsharded run stops
 * at. A merge verifies only when every shard is there and each verified.
 */
import type { Check } from './types.ts';
import type { VerifyCounterexampleResult, VerifyResult } from './verifyResult.ts';

/** The `regsim merge --json` output for verify shards. */
export interface MergedVerifyResult extends VerifyResult {
  readonly shards: {
    readonly count: number;
    readonly merged: readonly number[];
    /** Shards not given to the merge: their scenarios were not explored. */
    readonly missing: readonly number[];
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isRange = (value: unknown): boolean =>
  isRecord(value) && typeof value.min === 'number' && typeof value.max === 'number';

/** Whether a parsed JSON value is meant as a verify result (fuzz results have no universe). */
export function looksLikeVerifyResult(value: unknown): boolean {
  return isRecord(value) && 'universe' in value;
}

/** Checks a parsed `regsim verify --json` output. */
export function parseVerifyResult(value: unknown): Check<VerifyResult> {
  const fail = (why: string): Check<VerifyResult> => ({
    ok: false,
    error: `not a regsim verify --json result: ${why}`,
  });
  if (!isRecord(value)) return fail('result is not an object');
  for (const key of ['impl', 'universe'] as const)
    if (typeof value[key] !== 'string') return fail(`result.${key} is not a string`);
  for (const key of ['tasks', 'ops'] as const)
    if (!isRange(value[key])) return fail(`result.${key} is not a range {min, max}`);
  for (const key of ['maxTraces', 'scenarios', 'traces', 'elapsedMs', 'incomplete'] as const)
    if (typeof value[key] !== 'number') return fail(`result.${key} is not a number`);
  for (const key of ['verified', 'complete'] as const)
    if (typeof value[key] !== 'boolean') return fail(`result.${key} is not a boolean`);
  const { shard, counterexample } = value;
  if (
    shard !== null &&
    !(isRecord(shard) && typeof shard.index === 'number' && typeof shard.count === 'number')
  )
    return fail('result.shard is not null or {index, count}');
  if (counterexample !== undefined) {
    if (!isRecord(counterexample)) return fail('result.counterexample is not an object');
    for (const key of ['scenario', 'depth', 'firstSchedule', 'tasks', 'operations'] as const)
      if (typeof counterexample[key] !== 'number')
        return fail(`result.counterexample.${key} is not a number`);
    for (const key of ['invariant', 'message', 'token'] as const)
      if (typeof counterexample[key] !== 'string')
        return fail(`result.counterexample.${key} is not a string`);
  }
  return { ok: true, value: value as unknown as VerifyResult };
}

/** What makes two results shards of one verification. */
const identity = (r: VerifyResult) =>
  [
    ['impl', r.impl],
    ['universe', r.universe],
    ['tasks', r.tasks],
    ['ops', r.ops],
    ['maxTraces', r.maxTraces],
  ] as const;

/** Merges the shard results of one verification, or says why they cannot be merged. */
export function mergeVerifyResults(
  inputs: readonly { readonly file: string; readonly result: VerifyResult }[],
): Check<MergedVerifyResult> {
  const first = inputs[0];
  if (first === undefined) return { ok: false, error: 'no result to merge' };
  const byIndex = new Map<number, string>();
  for (const { file, result } of inputs) {
    if (result.shard === null)
      return {
        ok: false,
        error: `${file} is not a shard result (run regsim verify with --shard i/n --json)`,
      };
    const theirs = identity(result);
    for (const [i, [key, mine]] of identity(first.result).entries()) {
      const [x, y] = [JSON.stringify(mine), JSON.stringify(theirs[i]![1])];
      if (x !== y)
        return {
          ok: false,
          error: `${file} and ${first.file} are shards of different verifications (${key}: ${x} vs ${y})`,
        };
    }
    const { index, count } = result.shard;
    if (count !== first.result.shard?.count)
      return {
        ok: false,
        error: `${file} is shard ${index}/${count} but ${first.file} is of ${first.result.shard?.count}`,
      };
    const twin = byIndex.get(index);
    if (twin !== undefined)
      return { ok: false, error: `${twin} and ${file} are both shard ${index}/${count}` };
    byIndex.set(index, file);
  }
  const results = [...inputs].map((i) => i.result).sort((a, b) => a.shard!.index - b.shard!.index);
  const count = first.result.shard!.count;
  const merged = results.map((r) => r.shard!.index);
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !merged.includes(i));
  const sum = (f: (r: VerifyResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const counterexample = results
    .flatMap((r) => (r.counterexample === undefined ? [] : [r.counterexample]))
    .reduce<VerifyCounterexampleResult | undefined>(
      (best, c) => (best === undefined || c.scenario < best.scenario ? c : best),
      undefined,
    );
  const firstIncomplete = Math.min(...results.map((r) => r.firstIncomplete ?? Number.POSITIVE_INFINITY));
  const nondeterminism = results.find((r) => r.nondeterminism !== undefined)?.nondeterminism;
  const incomplete = sum((r) => r.incomplete);
  const whole = missing.length === 0 && incomplete === 0 && nondeterminism === undefined;
  return {
    ok: true,
    value: {
      impl: first.result.impl,
      universe: first.result.universe,
      tasks: first.result.tasks,
      ops: first.result.ops,
      maxTraces: first.result.maxTraces,
      scenarios: sum((r) => r.scenarios),
      traces: sum((r) => r.traces),
      // Shards may have run one after another or side by side: the sum is the work, not the wait.
      elapsedMs: sum((r) => r.elapsedMs),
      verified: counterexample === undefined && whole && results.every((r) => r.verified),
      complete: counterexample !== undefined || (whole && results.every((r) => r.complete)),
      incomplete,
      ...(Number.isFinite(firstIncomplete) ? { firstIncomplete } : {}),
      ...(counterexample === undefined ? {} : { counterexample }),
      ...(nondeterminism === undefined ? {} : { nondeterminism }),
      shard: null,
      shards: { count, merged, missing },
    },
  };
}
