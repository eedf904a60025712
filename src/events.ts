/**
 * The change events a registry publishes (SMG's `WorkerEvent` broadcast since #1027, spec §3.5;
 * the actor registry's change stream) as the simulator's `event-order` invariant reads them.
 * Each event names the id it is about and the values before and after the change it reports.
 */
import type { WorkerId } from './determinism/ids.ts';
import type { Worker } from './domain/worker.ts';

interface EventBase {
  readonly id: WorkerId;
  readonly url: string;
  /** The registry revision the change created, for streams that number their events. */
  readonly revision?: number;
}

/** One change event. Reservations have events only in streams that report them (the actor's). */
export type RegistryEvent =
  | (EventBase & { readonly type: 'registered'; readonly current: Worker; readonly previous: null })
  | (EventBase & { readonly type: 'replaced'; readonly current: Worker; readonly previous: Worker })
  | (EventBase & { readonly type: 'removed'; readonly current: null; readonly previous: Worker })
  | (EventBase & { readonly type: 'reserved' | 'released'; readonly current: null; readonly previous: null });

/** Receives events in the order the registry publishes them. */
export type RegistryEventListener = (event: RegistryEvent) => void;

/** A registry's change stream, as a subscriber sees it. */
export interface RegistryEventSource {
  /**
   * True when the stream promises revisions 1, 2, 3, … with no gap and no duplicate (the actor
   * registry's); otherwise revisions, where present, need only increase.
   */
  readonly gapless: boolean;
  /** Delivers every later event to `listener`, in publication order. */
  subscribe(listener: RegistryEventListener): void;
}
