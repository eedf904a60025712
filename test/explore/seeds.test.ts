/** Campaign seeds up to 2^53 − 1 (`sim/explore/seeds.ts`, `src/determinism/prng.ts`). */
import { describe, expect, it } from 'vitest';
import { deriveSeed } from '../../sim/explore/seeds.ts';
import { createPrng } from '../../src/determinism/prng.ts';

const TWO_TO_32 = 2 ** 32;

/** The inverse of murmur3's finaliser, to find the one seed below 2^32 that could collide. */
function unmix32(value: number): number {
  let h = value >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  h = Math.imul(h, 0x7ed1b41d) >>> 0;
  h = (h ^ (h >>> 13) ^ (h >>> 26)) >>> 0;
  h = Math.imul(h, 0xa5cb9243) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Seeds from 2^32 to 2^53 − 1, spread over the high word. */
const HIGH_SEEDS = Array.from({ length: 1000 }, (_, i) => {
  const high = 1 + Math.floor((i * 2_097_150) / 999);
  return high * TWO_TO_32 + (((i + 1) * 0x9e3779b9) >>> 0);
}).concat([TWO_TO_32, Number.MAX_SAFE_INTEGER]);

describe('campaign seeds', () => {
  it('below 2^32 keep the streams they had (the tokens of old runs stay valid)', () => {
    // Values of the 32-bit derivation these seeds always used.
    const streams: Record<number, number[]> = {
      0: [301794027, 3140136926, 3066626050, 2397376945],
      1: [2980047484, 232174035, 2004706180, 2882301364],
      3: [2789948889, 801707359, 502839612, 612739466],
      4294967295: [616707340, 3621581888, 745567523, 1128265123],
    };
    for (const [seed, expected] of Object.entries(streams)) {
      expect([0, 1, 499, 1_000_000].map((i) => deriveSeed(Number(seed), i))).toEqual(expected);
    }
    const prng = createPrng(4294967295);
    expect([prng.nextU32(), prng.nextU32(), prng.nextU32()]).toEqual([920564995, 4230986166, 697614773]);
  });

  it('from 2^32 up share no stream with a seed below 2^32', () => {
    // Below 2^32, deriveSeed(s, i) = finaliser(s ^ φ·(i+1)): one s alone matches at index 0.
    const lowSeedStarting = (derived: number) => (unmix32(derived) ^ 0x9e3779b1) >>> 0;
    for (const low of [0, 1, 0xdeadbeef, 0xffffffff]) expect(lowSeedStarting(deriveSeed(low, 0))).toBe(low);
    for (const seed of HIGH_SEEDS) {
      const candidate = lowSeedStarting(deriveSeed(seed, 0));
      expect(deriveSeed(candidate, 1), `seed ${seed}`).not.toBe(deriveSeed(seed, 1));
    }
  });

  it('from 2^32 up differ from each other', () => {
    const streams = new Set(HIGH_SEEDS.map((seed) => [0, 1, 2].map((i) => deriveSeed(seed, i)).join()));
    expect(streams.size).toBe(HIGH_SEEDS.length);
    expect(createPrng(TWO_TO_32).nextU32()).not.toBe(createPrng(0).nextU32());
  });
});
