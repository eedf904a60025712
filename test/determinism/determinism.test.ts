/** The seeded sources (`src/determinism/`): everything random or fresh replays from a seed. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSequentialIds } from '../../src/determinism/ids.ts';
import { createPrng } from '../../src/determinism/prng.ts';

const draw = (seed: number, n: number) => {
  const prng = createPrng(seed);
  return Array.from({ length: n }, () => prng.nextU32());
};

describe('createPrng', () => {
  it('gives equal sequences for equal seeds, and different ones for neighbouring seeds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_fffe }), (seed) => {
        expect(draw(seed, 8)).toEqual(draw(seed, 8));
        expect(draw(seed, 8)).not.toEqual(draw(seed + 1, 8));
      }),
    );
  });

  it('stays in range: 32-bit integers, below(n) in [0, n), floats in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), fc.integer({ min: 1, max: 1_000 }), (seed, n) => {
        const prng = createPrng(seed);
        for (let i = 0; i < 20; i++) {
          const u = prng.nextU32();
          expect(Number.isInteger(u) && u >= 0 && u <= 0xffff_ffff).toBe(true);
          const b = prng.below(n);
          expect(Number.isInteger(b) && b >= 0 && b < n).toBe(true);
          const f = prng.nextFloat();
          expect(f >= 0 && f < 1).toBe(true);
        }
      }),
    );
  });

  it('spreads below(n) over every value', () => {
    const prng = createPrng(42);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 6_000; i++) counts[prng.below(6)]++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });
});

describe('createSequentialIds', () => {
  it('mints id1, id2, … per source, independently', () => {
    const a = createSequentialIds();
    const b = createSequentialIds('w');
    expect([a.next(), a.next(), b.next(), a.next()]).toEqual(['id1', 'id2', 'w1', 'id3']);
  });
});
