/**
 * The FIFO beside a URL's statechart. The machine decides (admit at once when idle, defer when
 * busy, admit the next when a command settles, reject all when stopping); the mailbox only holds
 * the tickets of callers waiting for their turn and knows nothing about registries (its URL only
 * names it in errors).
 * A waiting caller parks through `Runtime.suspend`, so under the simulator it is a blocked task
 * the scheduler knows about, never a bare promise.
 */
import type { Runtime, Suspension } from '../memory/runtime.ts';

/** A command was sent to, or was waiting in, an actor that stopped: it is rejected, not lost. */
export class ActorStoppedError extends Error {
  constructor(readonly url: string) {
    super(`the actor for ${url} has stopped: the command was rejected without effect`);
    this.name = 'ActorStoppedError';
  }
}

/** One caller's place in a mailbox. */
export class Ticket {
  private state: 'waiting' | 'admitted' | 'rejected' = 'waiting';
  private suspension: Suspension | undefined;
  private error: Error | undefined;

  /** It is this caller's turn. */
  admit(): void {
    this.state = 'admitted';
    this.suspension?.wake();
  }

  /** The caller will never get a turn (its actor stopped). */
  reject(error: Error): void {
    this.state = 'rejected';
    this.error = error;
    this.suspension?.wake();
  }

  /**
   * Waits for this caller's turn: undefined when it already has it, otherwise a promise that
   * resolves on admission and rejects on rejection. The admission may come before the caller
   * starts waiting (production mode lets other microtasks run in between).
   */
  wait(rt: Runtime, reason: string): Promise<void> | undefined {
    if (this.state === 'admitted') return undefined;
    if (this.state === 'rejected') return Promise.reject(this.error);
    const suspension = rt.suspend(reason);
    this.suspension = suspension;
    return suspension.resumed.then(() => {
      if (this.state === 'rejected') throw this.error;
    });
  }
}

/** The waiting line: a FIFO of tickets with O(1) push and shift. */
export class Mailbox {
  private queue: Ticket[] = [];
  private head = 0;

  constructor(readonly url: string) {}

  /** Tickets waiting for a turn. */
  get size(): number {
    return this.queue.length - this.head;
  }

  defer(ticket: Ticket): void {
    this.queue.push(ticket);
  }

  /** Admits the longest-waiting ticket (the machine only calls this when one waits). */
  admitNext(): void {
    const next = this.queue[this.head];
    if (next === undefined) return;
    this.queue[this.head++] = PLACEHOLDER;
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
    next.admit();
  }

  /** Rejects every waiting ticket: no caller is left hanging on a stopped actor. */
  rejectAll(): void {
    const waiting = this.queue.slice(this.head);
    this.queue = [];
    this.head = 0;
    for (const ticket of waiting) ticket.reject(new ActorStoppedError(this.url));
  }
}

/** Fills admitted slots so the array keeps no reference to a finished caller. */
const PLACEHOLDER = new Ticket();
