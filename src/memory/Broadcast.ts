/**
 * A broadcast channel (`tokio::sync::broadcast::Sender`, SMG's `event_tx`): `send` is one atomic
 * step, and every subscriber receives the events in the order they were sent.
 */
import type { Runtime } from './runtime.ts';
import type { Stepped } from './SharedMap.ts';

export class Broadcast<E> {
  private listeners: ((event: E) => void)[] = [];

  constructor(
    private readonly rt: Runtime,
    /** The Rust field name, e.g. `event_tx`: it labels every step in traces. */
    readonly name: string,
  ) {}

  /** `send(event)`: delivered to every current subscriber within the step; `key` labels it. */
  send(event: E, key: unknown, note?: string): Stepped<void> {
    const wait = this.rt.step(this.name, 'send', key);
    if (wait === undefined) return this.deliver(event, note);
    return wait.then(() => this.deliver(event, note));
  }

  /** Receives every event sent from now on. */
  subscribe(listener: (event: E) => void): void {
    this.listeners = [...this.listeners, listener];
  }

  private deliver(event: E, note: string | undefined): void {
    if (note !== undefined && this.rt.simulated) this.rt.note(note);
    for (const listener of this.listeners) listener(event);
  }
}
