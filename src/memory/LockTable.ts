/**
 * A DashMap of per-key async mutexes (`url_registration_locks`, `worker_mutation_locks`).
 * Getting the mutex is one `entry().or_insert()` step; `remove` deletes the entry while waiters
 * keep their cloned handle, so a later locker gets a fresh mutex (spec §9).
 */
import { AsyncMutex } from './AsyncMutex.ts';
import type { Runtime } from './runtime.ts';
import { SharedMap, type Stepped } from './SharedMap.ts';

/**
 * A `DashMap<K, Arc<Mutex<()>>>`: V756's `url_registration_locks` (by URL) or
 * `worker_mutation_locks` (by id, from R1 on, named so from R3).
 *
 * Atomicity: `mutexFor` is one step (`entry(key).or_insert_with(..).clone()`), and so is
 * `remove`; locking the mutex it returns is a further step (`AsyncMutex.lock`). Between the two,
 * another task may remove the entry. The holder and its waiters keep their handle, and a later
 * `mutexFor` creates a fresh mutex that does not exclude them, as in Rust.
 *
 * Use: one table per Rust field, built on the implementation's `Runtime`; `peek` is for the
 * no-leak invariant at quiescence.
 */
export class LockTable<K> {
  private readonly map: SharedMap<K, AsyncMutex>;

  constructor(
    private readonly rt: Runtime,
    readonly name: string,
  ) {
    this.map = new SharedMap(rt, name);
  }

  /** `entry(key).or_insert_with(Mutex::new).clone()`. */
  mutexFor(key: K): Stepped<AsyncMutex> {
    return this.map.entry(key, (entry) => {
      if (entry.value !== undefined) return entry.value;
      const mutex = new AsyncMutex(this.rt, `${this.name}[${String(key)}]`);
      entry.set(mutex);
      return mutex;
    });
  }

  /** `remove(key)`: forgets the entry (holders and waiters keep their handle). */
  remove(key: K): Stepped<AsyncMutex | undefined> {
    return this.map.remove(key);
  }

  /** The entries without a step, for the no-leak invariant. */
  peek(): ReadonlyMap<K, AsyncMutex> {
    return this.map.peek();
  }
}
