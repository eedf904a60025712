import { describe, expect, it } from 'vitest';
import { cellSeed, generateCycle } from '../../sim/throughput/sequence.ts';
import {
  HOT_WORKLOAD,
  mixKinds,
  NAMED_MIXES,
  parseMix,
  spreadWorkload,
} from '../../sim/throughput/workload.ts';

describe('bench mixes and sequences', () => {
  it('parses the named mixes and weights, and rejects anything else with a message', () => {
    expect(parseMix('churn')).toBe(NAMED_MIXES[1]);
    const custom = parseMix('getByUrl:6,register:1,removeByUrl:1');
    if (typeof custom === 'string') throw new Error(custom);
    expect(custom.writeShare).toBe(2 / 8);
    expect(mixKinds(custom)).toEqual(['getByUrl', 'register', 'removeByUrl']);
    expect(mixKinds(NAMED_MIXES[2]!)).toEqual(['register', 'removeByUrl']);
    expect(parseMix('bogus')).toMatch(/--mix expects/);
    expect(parseMix('get:1')).toMatch(/not an operation bench draws/);
    expect(parseMix('register:0')).toMatch(/positive weight/);
    expect(parseMix('register:1,register:2')).toMatch(/each kind once/);
  });

  it('draws only the kinds of the mix, the same calls for the same seed, within the concurrency', () => {
    const workload = spreadWorkload(40, 4);
    expect(workload.urlsPerModel).toBe(10);
    const mix = parseMix('getByModel:3,removeByUrl:1') as Exclude<ReturnType<typeof parseMix>, string>;
    const shape = { drawn: 300, concurrency: 7 };
    const a = generateCycle(workload, mix, cellSeed(1, workload, mix), shape);
    const b = generateCycle(workload, mix, cellSeed(1, workload, mix), shape);
    expect(JSON.stringify(a.batches.map((x) => x.ops))).toBe(JSON.stringify(b.batches.map((x) => x.ops)));
    const kinds = new Set(a.batches.flatMap((x) => x.ops.map((op) => op.kind)));
    // A removed URL comes back through `register`, the one write the cycle adds.
    expect([...kinds].sort()).toEqual(['getByModel', 'register', 'removeByUrl']);
    expect(Math.max(...a.batches.map((x) => x.ops.length))).toBeLessThanOrEqual(7);
    // Closed: every URL is live again at the end.
    expect(a.final.map((w) => w.url)).toEqual(a.initial.map((w) => w.url));
    expect(cellSeed(1, HOT_WORKLOAD, mix)).not.toBe(cellSeed(1, workload, mix));
  });
});
