/**
 * The kv model's values, built without building strings: a value is a node (the value it was
 * appended to, the suffix, the key it belongs to) with its length and two polynomial hashes of
 * its text kept up to date, so an append is O(1) and allocates no string. Each key has a root
 * node, its empty value; a put is an append to the root.
 *
 * Nodes are not interned by text: in a checker's search nearly every append makes a value never
 * seen before (c50-ok: 152k new values out of 175k appends), so a lookup by text per new value
 * was pure cost. Equality is {@link KvValues.same} instead: the same node, or the same key,
 * length and hashes and then the same text, confirmed by walking the two chains, or in place
 * against a whole string, without building one in the common cases.
 */

const B1 = 0x01000193;
const B2 = 0x5bd1e995;
const NONE = -1;
/** Room for this many nodes at first: a search of a small history makes a few hundred. */
const INITIAL_NODES = 256;
/** Node columns, interleaved so that one node is one or two cache lines. */
const PARENT = 0;
const SUFFIX = 1;
const LENGTH = 2;
const HASH1 = 3;
const HASH2 = 4;
const KEY = 5;
/** The suffix last appended to the node and the node it made: a memo of one entry per node. */
const LAST_SUFFIX = 6;
const LAST_CHILD = 7;
/** The node last found to spell the same text by {@link KvValues.same}: reads repeat the check. */
const TWIN = 8;
const NODE = 9;

/** Values of keys (small non-negative integers) as nodes. */
export class KvValues {
  private nodes = new Int32Array(INITIAL_NODES * NODE);
  private count = 0;
  private readonly roots: number[] = [];
  private readonly suffixes: string[] = [];
  private readonly suffixIds = new Map<string, number>();
  // A suffix's B1^length and B2^length (mod 2^32) and its own hashes.
  private readonly suffixPow1: number[] = [];
  private readonly suffixPow2: number[] = [];
  private readonly suffixHash1: number[] = [];
  private readonly suffixHash2: number[] = [];

  /** Key `key`'s empty value. */
  root(key: number): number {
    const known = this.roots[key];
    if (known !== undefined) return known;
    const id = this.node(NONE, NONE, 0, 0, 0, key);
    this.roots[key] = id;
    return id;
  }

  /** A value of key `key` spelling `text` (for a put, or a get's expected value). */
  whole(key: number, text: string): number {
    return this.append(this.root(key), this.suffixId(text));
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

  /**
   * Value `id` with suffix `suffix` appended, of the same key. The node remembers its last
   * append, which is the one a depth-first search repeats (it tries one state's successors in
   * turn, and comes back to them); a full memo table cost more in lookups and growth than it
   * saved, as most appends make a new value.
   */
  append(id: number, suffix: number): number {
    let n = this.nodes;
    const at = id * NODE;
    if (n[at + LAST_SUFFIX] === suffix) return n[at + LAST_CHILD]!;
    const h1 = (Math.imul(n[at + HASH1]!, this.suffixPow1[suffix]!) + this.suffixHash1[suffix]!) | 0;
    const h2 = (Math.imul(n[at + HASH2]!, this.suffixPow2[suffix]!) + this.suffixHash2[suffix]!) | 0;
    const length = n[at + LENGTH]! + this.suffixes[suffix]!.length;
    const child = this.node(id, suffix, length, h1, h2, n[at + KEY]!);
    n = this.nodes;
    n[at + LAST_SUFFIX] = suffix;
    n[at + LAST_CHILD] = child;
    return child;
  }

  /** Whether two values are the same key's same text. */
  same(a: number, b: number): boolean {
    const n = this.nodes;
    // Twin nodes (one append made twice, after the memo forgot it) are the common case: walk
    // up while the suffixes agree, and spell the texts out only if the chains differ in shape.
    for (let x = a, y = b; ; ) {
      if (x === y) return true;
      const i = x * NODE;
      const j = y * NODE;
      if (
        n[i + LENGTH] !== n[j + LENGTH] ||
        n[i + HASH1] !== n[j + HASH1] ||
        n[i + HASH2] !== n[j + HASH2] ||
        n[i + KEY] !== n[j + KEY]
      )
        return false;
      if (n[i + SUFFIX] !== n[j + SUFFIX] || n[i + PARENT] === NONE || n[j + PARENT] === NONE) {
        if (n[i + TWIN] === y || n[j + TWIN] === x) return true;
        if (!this.sameText(x, y)) return false;
        n[i + TWIN] = y;
        n[j + TWIN] = x;
        return true;
      }
      x = n[i + PARENT]!;
      y = n[j + PARENT]!;
    }
  }

  /**
   * Whether two values of equal length spell the same text. A whole string (a put's value, a
   * get's expected one: one node on its key's root) is compared in place against the other's
   * chain of suffixes, from the end, so the common case of a read builds no string.
   */
  private sameText(a: number, b: number): boolean {
    const n = this.nodes;
    const flat = this.isWhole(a) ? a : this.isWhole(b) ? b : NONE;
    if (flat === NONE) return this.text(a) === this.text(b);
    const chain = flat === a ? b : a;
    const text = this.suffixes[n[flat * NODE + SUFFIX]!]!;
    let end = text.length;
    for (let v = chain; n[v * NODE + PARENT] !== NONE; v = n[v * NODE + PARENT]!) {
      const suffix = this.suffixes[n[v * NODE + SUFFIX]!]!;
      end -= suffix.length;
      if (end < 0 || !text.startsWith(suffix, end)) return false;
    }
    return end === 0;
  }

  /** Whether a value is one suffix on its key's root: a whole string. */
  private isWhole(id: number): boolean {
    const parent = this.nodes[id * NODE + PARENT]!;
    return parent !== NONE && this.nodes[parent * NODE + PARENT] === NONE;
  }

  /** Whether the value is empty. */
  isEmpty(id: number): boolean {
    return this.nodes[id * NODE + LENGTH] === 0;
  }

  /** The key a value belongs to. */
  keyOf(id: number): number {
    return this.nodes[id * NODE + KEY]!;
  }

  /** A hash of the key and text, consistent with {@link same}. */
  hash(id: number): number {
    const n = this.nodes;
    const at = id * NODE;
    let z = n[at + HASH1]! ^ Math.imul(n[at + HASH2]! ^ n[at + LENGTH]!, 0x9e3779b1);
    z = Math.imul(z ^ (z >>> 15), 0xc2b2ae35) ^ Math.imul(n[at + KEY]! + 1, 0x85ebca6b);
    return z ^ (z >>> 13);
  }

  /** The string itself. */
  text(id: number): string {
    const parts: string[] = [];
    const n = this.nodes;
    for (let v = id; n[v * NODE + PARENT] !== NONE; v = n[v * NODE + PARENT]!)
      parts.push(this.suffixes[n[v * NODE + SUFFIX]!]!);
    return parts.reverse().join('');
  }

  private node(parent: number, suffix: number, length: number, h1: number, h2: number, key: number): number {
    const id = this.count++;
    if (id * NODE + NODE > this.nodes.length) {
      const grown = new Int32Array(this.nodes.length * 2);
      grown.set(this.nodes);
      this.nodes = grown;
    }
    const n = this.nodes;
    const at = id * NODE;
    n[at + PARENT] = parent;
    n[at + SUFFIX] = suffix;
    n[at + LENGTH] = length;
    n[at + HASH1] = h1;
    n[at + HASH2] = h2;
    n[at + KEY] = key;
    n[at + LAST_SUFFIX] = NONE;
    n[at + TWIN] = NONE;
    return id;
  }
}
