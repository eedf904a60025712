/**
 * The search's memo of configurations already explored: pairs (set of linearized operations,
 * state), as in Lowe's and Porcupine's checkers. An open-addressing hash table over typed arrays:
 * a slot holds an entry's hash beside its index, so a probe reads one cache line and only a
 * matching hash leads to the entry's bitset and state. Bitsets are copied into one word pool, so
 * an entry costs no object allocation, and growing rehashes from the stored hashes alone.
 */
import { type Bitset, bitsEqualAt } from './bitset.ts';

const MIN_SLOTS = 32;
const EMPTY = -1;

/** A set of (bitset, state) pairs with one fixed bitset width. */
export class ConfigCache<S> {
  private readonly words: number;
  private readonly equal: (a: S, b: S) => boolean;
  private size = 0;
  /** (hash, entry index or EMPTY) per slot; the slot count is a power of two, at most half full. */
  private slots: Int32Array;
  private pool: Uint32Array;
  private readonly states: S[] = [];

  /**
   * `expected` is how many entries to make room for at first: a search of n operations adds at
   * least n, and growing the table step by step from a small one was a tenth of a small
   * history's check.
   */
  constructor(words: number, equal: (a: S, b: S) => boolean, expected = 0) {
    this.words = words;
    this.equal = equal;
    let slots = MIN_SLOTS;
    while (slots < 2 * expected) slots *= 2;
    this.slots = emptySlots(slots);
    this.pool = new Uint32Array((slots / 2) * words);
  }

  /**
   * Records (bits, state) and returns true, or returns false if an equal pair is already there.
   * `hash` must depend only on the pair's contents.
   */
  add(bits: Bitset, state: S, hash: number): boolean {
    const slots = this.slots;
    const mask = (slots.length >>> 1) - 1;
    let i = mix(hash) & mask;
    for (;;) {
      const e = slots[2 * i + 1]!;
      if (e === EMPTY) break;
      if (
        slots[2 * i] === hash &&
        bitsEqualAt(bits, this.pool, e * this.words) &&
        this.equal(this.states[e]!, state)
      ) {
        return false;
      }
      i = (i + 1) & mask;
    }
    const e = this.size++;
    if (e * this.words + this.words > this.pool.length) {
      const pool = new Uint32Array(this.pool.length * 2);
      pool.set(this.pool);
      this.pool = pool;
    }
    this.pool.set(bits, e * this.words);
    this.states.push(state);
    slots[2 * i] = hash;
    slots[2 * i + 1] = e;
    if (2 * this.size > mask + 1) this.grow();
    return true;
  }

  /** Doubles the slots and places every entry again by its stored hash. */
  private grow(): void {
    const old = this.slots;
    const slots = emptySlots(old.length * 2);
    const mask = (slots.length >>> 1) - 1;
    for (let j = 1; j < old.length; j += 2) {
      if (old[j] === EMPTY) continue;
      const hash = old[j - 1]!;
      let i = mix(hash) & mask;
      while (slots[2 * i + 1] !== EMPTY) i = (i + 1) & mask;
      slots[2 * i] = hash;
      slots[2 * i + 1] = old[j]!;
    }
    this.slots = slots;
  }
}

/** Slots all EMPTY (a hash beside EMPTY is never read, so the whole array may be filled). */
function emptySlots(count: number): Int32Array {
  return new Int32Array(2 * count).fill(EMPTY);
}

/** Spreads the high bits into the low ones, which pick the slot. */
function mix(hash: number): number {
  return hash ^ (hash >>> 15);
}
