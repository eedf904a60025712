/**
 * `tokio::sync::Mutex` as the lock-based versions use it: `lock` is a scheduling point; a task
 * that finds the mutex held parks until `unlock` hands the mutex to it, first come first served.
 */

import type { Runtime, Suspension } from './runtime.ts';
import type { Stepped } from './SharedMap.ts';

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
