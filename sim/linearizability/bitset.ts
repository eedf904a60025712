/**
 * Sets of operation indices as bitsets (32 per word), with an incremental set hash: the hash of
 * a set is the XOR of a fixed random key per element (Zobrist hashing), so adding or removing one
 * element updates it in O(1) where Porcupine rehashes every word.
 */

/** A set of small non-negative integers. */
export type Bitset = Uint32Array;

/** An empty set able to hold 0 … size - 1. */
export function createBitset(size: number): Bitset {
  return new Uint32Array(Math.max(1, (size + 31) >>> 5));
}

/** Adds `i` to the set. */
export function setBit(bits: Bitset, i: number): void {
  bits[i >>> 5]! |= 1 << (i & 31);
}

/** Removes `i` from the set. */
export function clearBit(bits: Bitset, i: number): void {
  bits[i >>> 5]! &= ~(1 << (i & 31));
}

/** Whether `bits` equals the words of `pool` starting at `offset`. */
export function bitsEqualAt(bits: Bitset, pool: Uint32Array, offset: number): boolean {
  for (let w = 0; w < bits.length; w++) if (bits[w] !== pool[offset + w]) return false;
  return true;
}

/** The Zobrist key of element `i`: a murmur3 finaliser of `i`, so no table is needed. */
export function elementKey(i: number): number {
  let z = Math.imul(i + 1, 0x9e3779b9);
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return z ^ (z >>> 16);
}
