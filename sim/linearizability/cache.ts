/**
 * The search's memo of configurations already explored: pairs (set of linearized operations,
 * state), as in Lowe's and Porcupine's checkers. A hand-rolled chained hash table over typed
 * arrays: bitsets are copied into one word pool, so an entry costs no object allocation.
 */
import { type Bitset, bitsEqualAt } from './bitset.ts';

const INITIAL_CAPACITY = 16;

/** A set of (bitset, state) pairs with one fixed bitset width. */
export class ConfigCache<S> {
  private readonly words: number;
  private readonly equal: (a: S, b: S) => boolean;
  private size = 0;
  /** Bucket heads (entry index or -1); its length is a power of two. */
  private heads: Int32Array;
  private chain: Int32Array;
  private hashes: Int32Array;
  private pool: Uint32Array;
  private readonly states: S[] = [];

  constructor(words: number, equal: (a: S, b: S) => boolean) {
    this.words = words;
    this.equal = equal;
    this.heads = new Int32Array(INITIAL_CAPACITY).fill(-1);
    this.chain = new Int32Array(INITIAL_CAPACITY);
    this.hashes = new Int32Array(INITIAL_CAPACITY);
    this.pool = new Uint32Array(INITIAL_CAPACITY * words);
  }

  /**
   * Records (bits, state) and returns true, or returns false if an equal pair is already there.
   * `hash` must depend only on the pair's contents.
   */
  add(bits: Bitset, state: S, hash: number): boolean {
    const words = this.words;
    for (let e = this.heads[this.bucketOf(hash)]!; e !== -1; e = this.chain[e]!) {
      if (
        this.hashes[e] === hash &&
        bitsEqualAt(bits, this.pool, e * words) &&
        this.equal(this.states[e]!, state)
      ) {
        return false;
      }
    }
    if (this.size === this.chain.length) this.grow();
    const e = this.size++;
    this.pool.set(bits, e * words);
    this.states.push(state);
    this.hashes[e] = hash;
    this.link(e);
    return true;
  }

  private bucketOf(hash: number): number {
    return (hash ^ (hash >>> 15)) & (this.heads.length - 1);
  }

  private link(e: number): void {
    const b = this.bucketOf(this.hashes[e]!);
    this.chain[e] = this.heads[b]!;
    this.heads[b] = e;
  }

  /** Doubles the entry arrays and the bucket table, then rebuilds the chains. */
  private grow(): void {
    const capacity = this.chain.length * 2;
    const hashes = new Int32Array(capacity);
    hashes.set(this.hashes);
    const pool = new Uint32Array(capacity * this.words);
    pool.set(this.pool);
    this.hashes = hashes;
    this.pool = pool;
    this.chain = new Int32Array(capacity);
    this.heads = new Int32Array(capacity).fill(-1);
    for (let e = 0; e < this.size; e++) this.link(e);
  }
}
