/**
 * The kv model's values, one id per distinct string, built without building strings: a value is
 * a node (the value it was appended to, the suffix) with its length and two polynomial hashes of
 * its text kept up to date, so an append is O(suffix) and allocates no string. Nodes are interned
 * by (length, hashes), and a match is confirmed on the texts themselves, so equal ids mean equal
 * strings exactly. Texts are spelt out only to confirm a match or to describe a state.
 */

const B1 = 0x01000193;
const B2 = 0x5bd1e995;
const NONE = -1;
/** Initial table sizes: most histories (and partitions) are small. */
const INITIAL = 16;

/** Strings to ids; id 0 is `''`. */
export class KvValues {
  // Node columns: the value appended to (NONE for a whole string), the suffix's id, the length
  // and the two hashes of the text.
  private readonly parent: number[] = [];
  private readonly suffix: number[] = [];
  private readonly length: number[] = [];
  private readonly hash1: number[] = [];
  private readonly hash2: number[] = [];
  // Chained buckets of nodes by (length, hashes): heads by bucket, the next node by node.
  private heads = new Int32Array(INITIAL).fill(NONE);
  private readonly chain: number[] = [];
  private readonly appends = new PairTable();
  private readonly suffixes: string[] = [];
  private readonly suffixIds = new Map<string, number>();
  // A suffix's B1^length and B2^length (mod 2^32) and its own hashes.
  private readonly suffixPow1: number[] = [];
  private readonly suffixPow2: number[] = [];
  private readonly suffixHash1: number[] = [];
  private readonly suffixHash2: number[] = [];

  constructor() {
    this.idOf('');
  }

  /** The id of a whole string. */
  idOf(text: string): number {
    const s = this.suffixId(text);
    return this.intern(NONE, s, text.length, this.suffixHash1[s]!, this.suffixHash2[s]!);
  }

  /** An id for `text` as a suffix (for {@link append}). */
  suffixId(text: string): number {
    let id = this.suffixIds.get(text);
    if (id !== undefined) return id;
    id = this.suffixes.push(text) - 1;
    this.suffixIds.set(text, id);
    let h1 = 0;
    let h2 = 0;
    let p1 = 1;
    let p2 = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = (Math.imul(h1, B1) + c) | 0;
      h2 = (Math.imul(h2, B2) + c) | 0;
      p1 = Math.imul(p1, B1);
      p2 = Math.imul(p2, B2);
    }
    this.suffixHash1.push(h1);
    this.suffixHash2.push(h2);
    this.suffixPow1.push(p1);
    this.suffixPow2.push(p2);
    return id;
  }

  /** The id of value `id` with suffix `suffix` appended (memoised per pair). */
  append(id: number, suffix: number): number {
    let result = this.appends.get(id, suffix);
    if (result === NONE) {
      const h1 = (Math.imul(this.hash1[id]!, this.suffixPow1[suffix]!) + this.suffixHash1[suffix]!) | 0;
      const h2 = (Math.imul(this.hash2[id]!, this.suffixPow2[suffix]!) + this.suffixHash2[suffix]!) | 0;
      const length = this.length[id]! + this.suffixes[suffix]!.length;
      result = this.intern(id, suffix, length, h1, h2);
      this.appends.set(id, suffix, result);
    }
    return result;
  }

  /** The string itself. */
  text(id: number): string {
    const parts: string[] = [];
    for (let n = id; n !== NONE; n = this.parent[n]!) parts.push(this.suffixes[this.suffix[n]!]!);
    return parts.reverse().join('');
  }

  private intern(parent: number, suffix: number, length: number, h1: number, h2: number): number {
    let text: string | undefined;
    for (let c = this.heads[this.bucket(h1, h2, length)]!; c !== NONE; c = this.chain[c]!) {
      if (this.length[c] !== length || this.hash1[c] !== h1 || this.hash2[c] !== h2) continue;
      text ??= (parent === NONE ? '' : this.text(parent)) + this.suffixes[suffix]!;
      if (this.text(c) === text) return c;
    }
    const id = this.parent.push(parent) - 1;
    this.suffix.push(suffix);
    this.length.push(length);
    this.hash1.push(h1);
    this.hash2.push(h2);
    this.chain.push(NONE);
    if (id >= this.heads.length) this.rehash();
    else this.link(id);
    return id;
  }

  private bucket(h1: number, h2: number, length: number): number {
    const key = h1 ^ Math.imul(h2 ^ length, 0x9e3779b1);
    return (key ^ (key >>> 15)) & (this.heads.length - 1);
  }

  private link(id: number): void {
    const b = this.bucket(this.hash1[id]!, this.hash2[id]!, this.length[id]!);
    this.chain[id] = this.heads[b]!;
    this.heads[b] = id;
  }

  /** Doubles the buckets (kept at least as many as nodes) and relinks every node. */
  private rehash(): void {
    this.heads = new Int32Array(this.heads.length * 2).fill(NONE);
    for (let id = 0; id < this.parent.length; id++) this.link(id);
  }
}

/** A map from pairs of non-negative integers to non-negative integers, open addressing over typed arrays. */
class PairTable {
  private size = 0;
  private firsts = new Int32Array(INITIAL).fill(NONE);
  private seconds = new Int32Array(INITIAL);
  private values = new Int32Array(INITIAL);

  /** The value stored under (a, b), or NONE. */
  get(a: number, b: number): number {
    const mask = this.firsts.length - 1;
    for (let i = slot(a, b) & mask; ; i = (i + 1) & mask) {
      const first = this.firsts[i]!;
      if (first === NONE) return NONE;
      if (first === a && this.seconds[i] === b) return this.values[i]!;
    }
  }

  /** Stores a value under a pair not yet in the table. */
  set(a: number, b: number, value: number): void {
    if (2 * (this.size + 1) > this.firsts.length) this.grow();
    this.place(a, b, value);
    this.size++;
  }

  private place(a: number, b: number, value: number): void {
    const mask = this.firsts.length - 1;
    let i = slot(a, b) & mask;
    while (this.firsts[i] !== NONE) i = (i + 1) & mask;
    this.firsts[i] = a;
    this.seconds[i] = b;
    this.values[i] = value;
  }

  private grow(): void {
    const { firsts, seconds, values } = this;
    this.firsts = new Int32Array(firsts.length * 2).fill(NONE);
    this.seconds = new Int32Array(firsts.length * 2);
    this.values = new Int32Array(firsts.length * 2);
    for (let i = 0; i < firsts.length; i++)
      if (firsts[i] !== NONE) this.place(firsts[i]!, seconds[i]!, values[i]!);
  }
}

function slot(a: number, b: number): number {
  let z = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 15), 0xc2b2ae35);
  return z ^ (z >>> 13);
}
