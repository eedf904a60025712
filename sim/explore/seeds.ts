/** Derives independent 32-bit seeds (per scenario chunk, per schedule) from one campaign seed. */
import { highWord, mix32 } from '../../src/determinism/wideSeed.ts';

/**
 * A 32-bit mix of a seed (any integer up to 2^53 − 1) and an index, so neighbouring indexes
 * decorrelate. A seed's high word is mixed in after the index: folded in before, a seed ≥ 2^32
 * would repeat the stream of the seed below 2^32 it folds to.
 */
export function deriveSeed(seed: number, index: number): number {
  const low = mix32(seed ^ Math.imul(index + 1, 0x9e3779b1));
  const high = highWord(seed);
  return high === 0 ? low : mix32(low ^ mix32(high));
}
