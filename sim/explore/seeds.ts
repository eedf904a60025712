/** Derives independent 32-bit seeds (per scenario chunk, per schedule) from one campaign seed. */

/** A 32-bit mix of a seed and an index (murmur3's finaliser), so neighbouring indexes decorrelate. */
export function deriveSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
