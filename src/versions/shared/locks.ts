/** Holding one mutex of a lock table (`url_registration_locks`, `worker_mutation_locks`). */
import type { LockTable } from '../../memory/LockTable.ts';

/**
 * Runs `body` holding `table[key]`: `entry(key).or_insert(..).clone()` (one step), then `lock()`
 * (a step that may park). The mutex is released however `body` ends, as the Rust guard is
 * dropped at the end of its scope; releasing takes no step.
 */
export async function withLock<K, R>(table: LockTable<K>, key: K, body: () => Promise<R>): Promise<R> {
  const mutex = await table.mutexFor(key);
  await mutex.lock();
  try {
    return await body();
  } finally {
    mutex.unlock();
  }
}
