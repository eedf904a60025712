/**
 * The kv model's states as integers, so a step allocates nothing and the search's memo of
 * explored configurations (Lowe 2017) holds plain numbers rather than an object per state,
 * which is what the garbage collector spent its time copying:
 *
 * - {@link EMPTY} (-1): every key empty;
 * - a value id (≥ 0, non-empty): that value's key holds it, every other key is empty — the only
 *   kind of state a partition of one key ever reaches, where a step is then one memo lookup
 *   (`KvValues.append`) and nothing else;
 * - −2 − i: entry i of a table of states with several non-empty keys, interned by content
 *   (their (key, value) pairs in key order, values compared with `KvValues.same`), so that two
 *   such states are equal exactly when their ids are.
 */
import type { KvValues } from './kvValues.ts';

/** The state with every key empty. */
export const EMPTY = -1;

const NONE = -1;
/** Initial sizes: most histories (and partitions) are small. */
const INITIAL = 16;
/** Per several-key state: its first word in the pool, its word count, its hash, the next state in its bucket. */
const META = 4;

/** States over one {@link KvValues} table. */
export class KvStates {
  private readonly values: KvValues;
  private pool = new Int32Array(INITIAL * 2);
  private poolSize = 0;
  private meta = new Int32Array(INITIAL * META);
  private count = 0;
  private heads = new Int32Array(INITIAL).fill(NONE);
  private scratch = new Int32Array(INITIAL);

  constructor(values: KvValues) {
    this.values = values;
  }

  /** The value key `k` has in `state` (its root, the empty value, when absent). */
  valueAt(state: number, k: number): number {
    if (state >= 0) return this.values.keyOf(state) === k ? state : this.values.root(k);
    if (state !== EMPTY) {
      const m = (-2 - state) * META;
      const start = this.meta[m]!;
      const end = start + this.meta[m + 1]!;
      const pool = this.pool;
      for (let i = start; i < end; i += 2) {
        const key = pool[i]!;
        if (key === k) return pool[i + 1]!;
        if (key > k) break;
      }
    }
    return this.values.root(k);
  }

  /** The state with key `k` set to `value` (a value of key `k`). */
  withValue(state: number, k: number, value: number): number {
    const values = this.values;
    const empty = values.isEmpty(value);
    if (state === EMPTY || (state >= 0 && values.keyOf(state) === k)) return empty ? EMPTY : value;
    const out = this.scratchFor(state);
    let n = 0;
    if (state >= 0) {
      // One other key holds a value: the result has both, or just that one.
      if (empty) return state;
      const other = values.keyOf(state);
      if (other < k) n = put(out, put(out, 0, other, state), k, value);
      else n = put(out, put(out, 0, k, value), other, state);
    } else {
      const m = (-2 - state) * META;
      const start = this.meta[m]!;
      const end = start + this.meta[m + 1]!;
      const pool = this.pool;
      let i = start;
      for (; i < end && pool[i]! < k; i += 2) n = put(out, n, pool[i]!, pool[i + 1]!);
      if (i < end && pool[i] === k) i += 2;
      if (!empty) n = put(out, n, k, value);
      for (; i < end; i += 2) n = put(out, n, pool[i]!, pool[i + 1]!);
      // Down to one key (or none): the state's other encodings.
      if (n === 0) return EMPTY;
      if (n === 2) return out[1]!;
    }
    return this.intern(n);
  }

  /** A hash consistent with equal states (for the checker's cache). */
  hash(state: number): number {
    if (state === EMPTY) return 0;
    return state >= 0 ? this.values.hash(state) : this.meta[(-2 - state) * META + 2]!;
  }

  /** Whether two states are equal. */
  equal(a: number, b: number): boolean {
    return a === b || (a >= 0 && b >= 0 && this.values.same(a, b));
  }

  /** The (key, value) pairs of `state`, flat, in key order. */
  entries(state: number): number[] {
    if (state === EMPTY) return [];
    if (state >= 0) return [this.values.keyOf(state), state];
    const m = (-2 - state) * META;
    const start = this.meta[m]!;
    return Array.from(this.pool.subarray(start, start + this.meta[m + 1]!));
  }

  private scratchFor(state: number): Int32Array {
    const words = state < EMPTY ? this.meta[(-2 - state) * META + 1]! + 2 : 4;
    if (this.scratch.length < words) this.scratch = new Int32Array(2 * words);
    return this.scratch;
  }

  /** The id of the several-key state spelt by the first `n` words of the scratch buffer. */
  private intern(n: number): number {
    const { meta, pool, scratch, values } = this;
    let hash = 0;
    for (let j = 1; j < n; j += 2) hash = (hash + values.hash(scratch[j]!)) | 0;
    for (let c = this.heads[this.bucket(hash)]!; c !== NONE; c = meta[c * META + 3]!) {
      if (meta[c * META + 2] !== hash || meta[c * META + 1] !== n) continue;
      const at = meta[c * META]!;
      let same = true;
      // Keys first (cheap), then values.
      for (let j = 0; j < n && same; j += 2) same = pool[at + j] === scratch[j];
      for (let j = 1; j < n && same; j += 2) same = values.same(pool[at + j]!, scratch[j]!);
      if (same) return -2 - c;
    }
    if (this.poolSize + n > this.pool.length) {
      const grown = new Int32Array(Math.max(2 * this.pool.length, this.poolSize + n));
      grown.set(this.pool);
      this.pool = grown;
    }
    this.pool.set(scratch.subarray(0, n), this.poolSize);
    if ((this.count + 1) * META > this.meta.length) {
      const grown = new Int32Array(2 * this.meta.length);
      grown.set(this.meta);
      this.meta = grown;
    }
    const id = this.count++;
    const m = id * META;
    this.meta[m] = this.poolSize;
    this.meta[m + 1] = n;
    this.meta[m + 2] = hash;
    this.poolSize += n;
    if (this.count > this.heads.length) this.rehash();
    else this.link(id);
    return -2 - id;
  }

  private bucket(hash: number): number {
    return (hash ^ (hash >>> 15)) & (this.heads.length - 1);
  }

  private link(id: number): void {
    const b = this.bucket(this.meta[id * META + 2]!);
    this.meta[id * META + 3] = this.heads[b]!;
    this.heads[b] = id;
  }

  /** Doubles the buckets (kept at least as many as states) and relinks every state. */
  private rehash(): void {
    this.heads = new Int32Array(this.heads.length * 2).fill(NONE);
    for (let id = 0; id < this.count; id++) this.link(id);
  }
}

/** Writes the pair (k, v) at `n`; returns the next free index. */
function put(out: Int32Array, n: number, k: number, v: number): number {
  out[n] = k;
  out[n + 1] = v;
  return n + 2;
}
