/**
 * `tokio::sync::Mutex` as the lock-based versions use it: `lock` is a scheduling point; a task
 * that finds the mutex held parks until `unlock` hands the mutex to it, first come first served.
 */

import type { Runtime, Suspension } from './runtime.ts';
import type { Stepped } from './SharedMap.ts';

/**
 * One `tokio::sync::Mutex<()>` of a lock table: the per-URL registration lock of V756 or the
 * per-id mutation lock from R1 on, held across a whole registry mutation so that mutations of one
 * key are serialised.
 *
 * Atomicity: `lock` is one scheduler step. A task that finds the mutex held parks (a
 * `Runtime.suspend`) and is handed the mutex by `unlock`, first come first served. `unlock` takes
 * no step: the mutex passes to the longest waiter, which goes on when the scheduler picks it.
 *
 * Use: get it from a `LockTable` (`mutexFor`), `await lock()`, and `unlock()` in a `finally`, as
 * the Rust guard is dropped at the end of its scope.
 */
export class AsyncMutex {
  private held = false;
  private readonly waiters: Suspension[] = [];

  constructor(
    private readonly rt: Runtime,
    /** Labels the lock step in traces, e.g. `worker_mutation_locks[id1]`. */
    readonly name: string,
  ) {}

  /** Acquires the mutex, waiting while another task holds it. */
  lock(): Stepped<void> {
    const wait = this.rt.step(this.name, 'lock', '');
    return wait === undefined ? this.acquire() : wait.then(() => this.acquire());
  }

  /** Releases the mutex, handing it straight to the longest waiter if there is one. */
  unlock(): void {
    const next = this.waiters.shift();
    if (next === undefined) this.held = false;
    else next.wake();
  }

  /** Whether some task holds the mutex (for invariant checks at quiescence). */
  get locked(): boolean {
    return this.held;
  }

  private acquire(): Stepped<void> {
    if (!this.held) {
      this.held = true;
      return undefined;
    }
    const suspension = this.rt.suspend(`${this.name}.lock`);
    this.waiters.push(suspension);
    return suspension.resumed;
  }
}
