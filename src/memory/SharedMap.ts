/**
 * A DashMap-like concurrent map (spec §9): every call is one atomic step and one scheduling
 * point. Closures passed to `entry`, `getMut` and `read` run inside the step, as a DashMap guard
 * is held across them, so they must not await.
 *
 * Each method takes its step, then performs the operation at once (production, or when the
 * scheduler lets the caller go on) or once the caller is scheduled again; the fast path creates
 * no closure, since the simulator calls these hundreds of thousands of times a second.
 */
import { describeValue } from './describe.ts';
import type { NestedAccess, Runtime } from './runtime.ts';

const NOTE_NONE = `→ ${describeValue(undefined)}`;
const NOTE_TRUE = `→ ${describeValue(true)}`;
const NOTE_FALSE = `→ ${describeValue(false)}`;

/** A value now (production, or when the scheduler lets the caller go on) or once scheduled. */
export type Stepped<T> = T | Promise<T>;

/** The slot `entry` hands its closure: read, insert or delete while the guard is held. */
export interface Entry<V> {
  readonly value: V | undefined;
  set(value: V): void;
  delete(): void;
}

class EntrySlot<K, V> implements Entry<V> {
  constructor(
    private readonly data: Map<K, V>,
    private readonly key: K,
    readonly value: V | undefined,
  ) {}

  set(value: V): void {
    this.data.set(this.key, value);
  }

  delete(): void {
    this.data.delete(this.key);
  }
}

/**
 * One DashMap field of the registry (`workers`, `url_to_id`, `model_index`, …), keyed and valued
 * as the Rust `DashMap<K, V>`.
 *
 * Atomicity: each call is one scheduler step and happens atomically, as one DashMap call does
 * under its shard lock; a sequence of calls is not atomic, so other tasks may run between any two
 * calls of a registry method, exactly where they could in Rust. Closures given to `entry`,
 * `getMut` and `read` run inside their call's step (the guard is held) and must not await.
 *
 * Use: create one per field on the implementation's `Runtime`, named after the Rust field (the
 * name labels its steps in traces), and `await` each call's `Stepped` result. `peek` and the
 * `…UnderGuard` writes take no step: `peek` is for invariant checks at quiescence, the writes for
 * code already inside another map's step.
 */
export class SharedMap<K, V> {
  private readonly data = new Map<K, V>();

  constructor(
    private readonly rt: Runtime,
    /** The Rust field name, e.g. `url_to_id`: it labels every step in traces. */
    readonly name: string,
  ) {}

  /** `get(k)` followed by a clone: the value, or undefined. */
  get(key: K): Stepped<V | undefined> {
    const wait = this.rt.step(this.name, 'get', key);
    return wait === undefined ? this.doGet(key) : wait.then(() => this.doGet(key));
  }

  /** `insert(k, v)`: the previous value, or undefined. */
  insert(key: K, value: V): Stepped<V | undefined> {
    const wait = this.rt.step(this.name, 'insert', key);
    return wait === undefined ? this.doInsert(key, value) : wait.then(() => this.doInsert(key, value));
  }

  /** `remove(k)`: the removed value, or undefined. */
  remove(key: K): Stepped<V | undefined> {
    const wait = this.rt.step(this.name, 'remove', key);
    return wait === undefined ? this.doRemove(key) : wait.then(() => this.doRemove(key));
  }

  /** `contains_key(k)`. */
  containsKey(key: K): Stepped<boolean> {
    const wait = this.rt.step(this.name, 'contains_key', key);
    return wait === undefined ? this.doContainsKey(key) : wait.then(() => this.doContainsKey(key));
  }

  /** `entry(k)` with the shard's write guard held across `body`; `nested`: what else `body` touches. */
  entry<R>(key: K, body: (entry: Entry<V>) => R, nested?: readonly NestedAccess[]): Stepped<R> {
    const wait = this.rt.step(this.name, 'entry', key, nested);
    return wait === undefined ? this.doEntry(key, body) : wait.then(() => this.doEntry(key, body));
  }

  /** `remove_if(k, pred)`: removes and returns the value when `pred` holds. */
  removeIf(key: K, pred: (value: V) => boolean): Stepped<V | undefined> {
    const wait = this.rt.step(this.name, 'remove_if', key);
    return wait === undefined ? this.doRemoveIf(key, pred) : wait.then(() => this.doRemoveIf(key, pred));
  }

  /** `get_mut(k)` with the closure applied under the guard; false when the key is absent. */
  getMut(key: K, update: (value: V) => V): Stepped<boolean> {
    const wait = this.rt.step(this.name, 'get_mut', key);
    return wait === undefined ? this.doGetMut(key, update) : wait.then(() => this.doGetMut(key, update));
  }

  /**
   * `get(k)` holding the read guard across `body`, as V836's `rebuild_hash_ring` does: the body
   * may write other maps with `setUnderGuard`/`deleteUnderGuard` inside the same step.
   */
  read<R>(key: K, body: (value: V | undefined) => R, label = 'get'): Stepped<R> {
    const wait = this.rt.step(this.name, label, key);
    return wait === undefined ? body(this.data.get(key)) : wait.then(() => body(this.data.get(key)));
  }

  /** A write made inside another map's step (its guard held), so it takes no step of its own. */
  setUnderGuard(key: K, value: V): void {
    this.data.set(key, value);
  }

  /** A delete made inside another map's step (its guard held), so it takes no step of its own. */
  deleteUnderGuard(key: K): void {
    this.data.delete(key);
  }

  /** A snapshot of all entries, taken in one step. */
  iter(): Stepped<[K, V][]> {
    const wait = this.rt.step(this.name, 'iter', '*');
    return wait === undefined ? [...this.data] : wait.then(() => [...this.data]);
  }

  /** `len()`. */
  len(): Stepped<number> {
    const wait = this.rt.step(this.name, 'len', '*');
    return wait === undefined ? this.noted(this.data.size) : wait.then(() => this.noted(this.data.size));
  }

  /** The contents without a step, for invariant checks at quiescence. Never call from registry code. */
  peek(): ReadonlyMap<K, V> {
    return this.data;
  }

  /** Shows an observed result in the trace (simulation only). */
  private noted<R>(result: R): R {
    if (this.rt.simulated) {
      // Most steps observe an absent key or a boolean: their notes need not be built each time.
      this.rt.note(
        result === undefined
          ? NOTE_NONE
          : result === true
            ? NOTE_TRUE
            : result === false
              ? NOTE_FALSE
              : `→ ${describeValue(result)}`,
      );
    }
    return result;
  }

  private doGet(key: K): V | undefined {
    return this.noted(this.data.get(key));
  }

  private doInsert(key: K, value: V): V | undefined {
    const previous = this.data.get(key);
    this.data.set(key, value);
    if (this.rt.simulated) this.rt.note(`← ${describeValue(value)}`);
    return previous;
  }

  private doRemove(key: K): V | undefined {
    const previous = this.data.get(key);
    this.data.delete(key);
    return this.noted(previous);
  }

  private doContainsKey(key: K): boolean {
    return this.noted(this.data.has(key));
  }

  private doEntry<R>(key: K, body: (entry: Entry<V>) => R): R {
    return body(new EntrySlot(this.data, key, this.data.get(key)));
  }

  private doRemoveIf(key: K, pred: (value: V) => boolean): V | undefined {
    const value = this.data.get(key);
    if (value === undefined || !pred(value)) return this.noted(undefined);
    this.data.delete(key);
    return this.noted(value);
  }

  private doGetMut(key: K, update: (value: V) => V): boolean {
    const value = this.data.get(key);
    if (value === undefined) return this.noted(false);
    this.data.set(key, update(value));
    return this.noted(true);
  }
}
