/**
 * A DashMap-like concurrent map (spec §9): every call is one atomic step and one scheduling
 * point. Closures passed to `entry` and `getMut` run inside the step, as a DashMap guard is held
 * across them, so they must not await.
 */
import { describeValue } from './describe.ts';
import type { Runtime } from './runtime.ts';

/** A value now (production, or when the scheduler lets the caller go on) or once scheduled. */
export type Stepped<T> = T | Promise<T>;

/** The slot `entry` hands its closure: read, insert or delete while the guard is held. */
export interface Entry<V> {
  readonly value: V | undefined;
  set(value: V): void;
  delete(): void;
}

export class SharedMap<K, V> {
  private readonly data = new Map<K, V>();

  constructor(
    private readonly rt: Runtime,
    /** The Rust field name, e.g. `url_to_id`: it labels every step in traces. */
    readonly name: string,
  ) {}

  /** `get(k)` followed by a clone: the value, or undefined. */
  get(key: K): Stepped<V | undefined> {
    return this.atomic('get', key, () => this.data.get(key), true);
  }

  /** `insert(k, v)`: the previous value, or undefined. */
  insert(key: K, value: V): Stepped<V | undefined> {
    return this.atomic(
      'insert',
      key,
      () => {
        const previous = this.data.get(key);
        this.data.set(key, value);
        if (this.rt.simulated) this.rt.note(`← ${describeValue(value)}`);
        return previous;
      },
      false,
    );
  }

  /** `remove(k)`: the removed value, or undefined. */
  remove(key: K): Stepped<V | undefined> {
    return this.atomic(
      'remove',
      key,
      () => {
        const previous = this.data.get(key);
        this.data.delete(key);
        return previous;
      },
      true,
    );
  }

  /** `contains_key(k)`. */
  containsKey(key: K): Stepped<boolean> {
    return this.atomic('contains_key', key, () => this.data.has(key), true);
  }

  /** `entry(k)` with the shard's write guard held across `body`. */
  entry<R>(key: K, body: (entry: Entry<V>) => R): Stepped<R> {
    return this.atomic(
      'entry',
      key,
      () => {
        const data = this.data;
        return body({
          value: data.get(key),
          set: (value) => data.set(key, value),
          delete: () => data.delete(key),
        });
      },
      false,
    );
  }

  /** `remove_if(k, pred)`: removes and returns the value when `pred` holds. */
  removeIf(key: K, pred: (value: V) => boolean): Stepped<V | undefined> {
    return this.atomic(
      'remove_if',
      key,
      () => {
        const value = this.data.get(key);
        if (value === undefined || !pred(value)) return undefined;
        this.data.delete(key);
        return value;
      },
      true,
    );
  }

  /** `get_mut(k)` with the closure applied under the guard; false when the key is absent. */
  getMut(key: K, update: (value: V) => V): Stepped<boolean> {
    return this.atomic(
      'get_mut',
      key,
      () => {
        const value = this.data.get(key);
        if (value === undefined) return false;
        this.data.set(key, update(value));
        return true;
      },
      true,
    );
  }

  /**
   * `get(k)` holding the read guard across `body`, as V836's `rebuild_hash_ring` does: the body
   * may write other maps with `setUnderGuard`/`deleteUnderGuard` inside the same step.
   */
  read<R>(key: K, body: (value: V | undefined) => R, label = 'get'): Stepped<R> {
    return this.atomic(label, key, () => body(this.data.get(key)), false);
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
    return this.atomic('iter', '*', () => [...this.data], false);
  }

  /** `len()`. */
  len(): Stepped<number> {
    return this.atomic('len', '*', () => this.data.size, true);
  }

  /** The contents without a step, for invariant checks at quiescence. Never call from registry code. */
  peek(): ReadonlyMap<K, V> {
    return this.data;
  }

  private atomic<R>(op: string, key: unknown, body: () => R, noteResult: boolean): Stepped<R> {
    const wait = this.rt.step(this.name, op, key);
    if (wait === undefined) return this.perform(body, noteResult);
    return wait.then(() => this.perform(body, noteResult));
  }

  private perform<R>(body: () => R, noteResult: boolean): R {
    const result = body();
    if (noteResult && this.rt.simulated) this.rt.note(`→ ${describeValue(result)}`);
    return result;
  }
}
