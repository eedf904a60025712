/**
 * A DashMap of per-key async mutexes (`url_registration_locks`, `worker_mutation_locks`).
 * Getting the mutex is one `entry().or_insert()` step; `remove` deletes the entry while waiters
 * keep their cloned handle, so a later locker gets a fresh mutex (spec §9).
 */
import { AsyncMutex } from './AsyncMutex.ts';
import type { Runtime } from './runtime.ts';
import { SharedMap, type Stepped } from './SharedMap.ts';

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
