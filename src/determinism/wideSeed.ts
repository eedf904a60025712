/**
 * Seeds are integers up to 2^53 − 1 (all a JSON number holds exactly), but regsim's generators
 * keep 32 bits of state. The bits above the low word are mixed in separately, and only when
 * there are any, so every seed below 2^32 keeps the stream it always had.
 */

const TWO_TO_32 = 0x1_0000_0000;

/** The bits of `seed` above its low 32 (0 for every seed below 2^32). */
export function highWord(seed: number): number {
  return seed >= TWO_TO_32 ? Math.floor(seed / TWO_TO_32) : 0;
}

/** murmur3's 32-bit finaliser: a bijection that spreads every input bit over the output. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
