/**
 * `verify` from code: the historical versions' races are found at the smallest bound with a
 * token that replays them, the actor registry verifies, a budget that cuts an exploration short
 * leaves the verdict incomplete, and shards merge into the unsharded result.
 */
import { describe, expect, it } from 'vitest';
import { replay, verify } from '../../sim/api/index.ts';
import { mergeVerifyResults } from '../../sim/outcome/verifyMerge.ts';
import { type VerifyResult, verifyExitCode } from '../../sim/outcome/verifyResult.ts';

describe('verify', () => {
  it.each(['r0', 'v836'])(
    'finds %s breaking the 2×2 small bound, with a token that replays it',
    async (impl) => {
      const result = await verify({ impl, tasks: 2, ops: '1..2' });
      expect(result.verified).toBe(false);
      expect(verifyExitCode(result)).toBe(1);
      const c = result.counterexample!;
      // Two concurrent registrations of one URL: the first scenario of the enumeration.
      expect(c.scenario).toBe(1);
      expect(result.scenarios).toBe(1);
      const replayed = await replay(c.token);
      expect(replayed.violations.map((v) => v.invariant)).toContain(c.invariant);
      expect(replayed.violations.find((v) => v.invariant === c.invariant)!.message).toBe(c.message);
    },
  );

  it('verifies the actor registry within 2 tasks of one write in small', async () => {
    const result = await verify({ impl: 'actor', tasks: 2, ops: 1 });
    expect(result).toMatchObject({ verified: true, complete: true, scenarios: 226, incomplete: 0 });
    expect(result.traces).toBeGreaterThan(result.scenarios);
    expect(verifyExitCode(result)).toBe(0);
  });

  it('is incomplete, not verified, when an exploration hits the trace budget', async () => {
    const result = await verify({ impl: 'actor', tasks: 2, ops: 1, maxTraces: 2 });
    expect(result.verified).toBe(false);
    expect(result.complete).toBe(false);
    expect(result.incomplete).toBeGreaterThan(0);
    expect(result.counterexample).toBeUndefined();
    expect(verifyExitCode(result)).toBe(3);
  });

  it('rejects a bad range and an unknown implementation with one sentence', async () => {
    await expect(verify({ impl: 'actor', tasks: '0..2' })).rejects.toThrow(/^verify: --tasks expects/);
    await expect(verify({ impl: 'nope' })).rejects.toThrow(/^verify: unknown implementation "nope"/);
  });
});

const strip = ({ elapsedMs: _e, shard: _s, ...rest }: VerifyResult & { shards?: unknown }) => {
  const { shards: _shards, ...result } = rest;
  return result;
};

async function shards(impl: string, count: number, options: { tasks: number; ops: string | number }) {
  const results: VerifyResult[] = [];
  for (let index = 1; index <= count; index++)
    results.push(await verify({ impl, ...options, shard: { index, count } }));
  return results.map((result, i) => ({ file: `shard-${i + 1}.json`, result }));
}

describe('verify shards', () => {
  it('merge into the unsharded result when the bound verifies', async () => {
    const whole = await verify({ impl: 'actor', tasks: 2, ops: 1 });
    const parts = await shards('actor', 3, { tasks: 2, ops: 1 });
    expect(parts.map((p) => p.result.scenarios)).toEqual([76, 75, 75]);
    const merged = mergeVerifyResults(parts);
    expect(merged.ok && strip(merged.value)).toEqual(strip(whole));
    // Without one shard, nothing is verified.
    const partial = mergeVerifyResults(parts.slice(1));
    expect(partial.ok && partial.value.verified).toBe(false);
    expect(partial.ok && verifyExitCode(partial.value)).toBe(3);
  });

  it('merge into the unsharded counterexample when one shard fails', async () => {
    const whole = await verify({ impl: 'r0', tasks: 2, ops: '1..2' });
    const merged = mergeVerifyResults(await shards('r0', 2, { tasks: 2, ops: '1..2' }));
    expect(merged.ok && merged.value.counterexample).toEqual(whole.counterexample);
    expect(merged.ok && merged.value.verified).toBe(false);
  });

  it('refuse results of different verifications', async () => {
    const [a] = await shards('actor', 2, { tasks: 2, ops: 1 });
    const b = {
      file: 'other.json',
      result: { ...a!.result, universe: 'medium', shard: { index: 2, count: 2 } },
    };
    const merged = mergeVerifyResults([a!, b]);
    expect(merged.ok).toBe(false);
    expect(!merged.ok && merged.error).toMatch(/different verifications \(universe/);
  });
});
