/**
 * The change stream: one event per commit, numbered by the registry revision the commit created,
 * so events are ordered by revision with no gaps and no duplicates. The last `retain` events are
 * kept; a subscriber resumes from any retained revision, and one asking for an older revision is
 * told it was compacted rather than silently missing events.
 */
import type { WorkerId } from '../determinism/ids.ts';
import { type Invalid, invalid, type Ok, ok, type Reservation, type WorkerRecord } from './results.ts';
import { validateRevision } from './validation.ts';

interface EventBase {
  /** The registry revision this commit created (the first commit is revision 1). */
  readonly revision: number;
  readonly url: string;
  readonly id: WorkerId;
}

/** What a commit changed: the value now (`current`) and the value it replaced (`previous`). */
export type ChangeEvent =
  | (EventBase & {
      readonly type: 'registered';
      readonly current: WorkerRecord;
      readonly previous: Reservation | null;
    })
  | (EventBase & {
      readonly type: 'replaced';
      readonly current: WorkerRecord;
      readonly previous: WorkerRecord;
    })
  | (EventBase & { readonly type: 'removed'; readonly current: null; readonly previous: WorkerRecord })
  | (EventBase & { readonly type: 'reserved'; readonly current: Reservation; readonly previous: null })
  | (EventBase & { readonly type: 'released'; readonly current: null; readonly previous: Reservation });

/** The requested revision is older than the retained window: resume from `oldestRetained` or resync. */
export interface Compacted {
  readonly ok: false;
  readonly reason: 'Compacted';
  readonly requested: number;
  readonly oldestRetained: number;
  readonly message: string;
}

/** A subscriber's handle. */
export interface Subscription {
  /** The next revision this subscriber will be handed. */
  readonly nextRevision: number;
  /** Set when the listener threw: the subscription was closed at that event. */
  readonly error: unknown;
  unsubscribe(): void;
}

/** Receives change events in revision order. */
export type Listener = (event: ChangeEvent) => void;

class Subscriber implements Subscription {
  error: unknown;
  closed = false;

  constructor(
    readonly listener: Listener,
    public nextRevision: number,
    private readonly owner: ChangeStream,
  ) {}

  unsubscribe(): void {
    this.closed = true;
    this.owner.detach(this);
  }
}

/** The registry's change events: a retained window and the subscribers following it. */
export class ChangeStream {
  /** A ring buffer of the last `retain` events: the event of revision r is at `(r - 1) % retain`. */
  private readonly window: (ChangeEvent | undefined)[];
  private last = 0;
  private subscribers: Subscriber[] = [];
  private delivering = false;

  /** @param retain how many of the latest events stay available for resuming (at least 1). */
  constructor(readonly retain: number = 1024) {
    if (!Number.isInteger(retain) || retain < 1)
      throw new Error(`retain must be a positive integer, not ${retain}`);
    this.window = new Array(retain);
  }

  /** The revision of the last commit (0 before the first). */
  get revision(): number {
    return this.last;
  }

  /** The oldest revision still retained (`revision + 1` when none is). */
  get oldestRetained(): number {
    return Math.max(1, this.last - this.retain + 1);
  }

  /** The revision the next commit will create: read and used inside one commit step. */
  get nextRevision(): number {
    return this.last + 1;
  }

  /** Records the event of the commit being made (called inside the commit step, in revision order). */
  append(event: ChangeEvent): void {
    if (event.revision !== this.last + 1) {
      throw new Error(`change stream: revision ${event.revision} appended after ${this.last}`);
    }
    this.window[(event.revision - 1) % this.retain] = event;
    this.last = event.revision;
  }

  /**
   * The retained events from `fromRevision` on, in order; `Compacted` when some of them were
   * dropped from the window.
   */
  since(fromRevision: number): Ok<readonly ChangeEvent[]> | Compacted | Invalid {
    const refused = this.refuse(fromRevision);
    if (refused !== undefined) return refused;
    const events: ChangeEvent[] = [];
    for (let r = fromRevision; r <= this.last; r++) events.push(this.at(r));
    return ok(events);
  }

  /**
   * Hands `listener` every event from `fromRevision` on (default: only future ones): the retained
   * ones at once, later ones as commits happen. Listeners run after the commit step, never inside
   * it, and must not expect to run before the command that caused the event returns.
   */
  subscribe(
    listener: Listener,
    fromRevision: number = this.last + 1,
  ): Ok<Subscription> | Compacted | Invalid {
    const refused = this.refuse(fromRevision);
    if (refused !== undefined) return refused;
    const subscriber = new Subscriber(listener, fromRevision, this);
    this.subscribers = [...this.subscribers, subscriber];
    this.deliver();
    return ok(subscriber);
  }

  /**
   * Delivers pending events to every subscriber in revision order. Reentrant calls (a listener
   * whose work commits again) return at once; the outer loop delivers what they appended.
   */
  deliver(): void {
    if (this.delivering || this.subscribers.length === 0) return;
    this.delivering = true;
    try {
      let behind = true;
      while (behind) {
        behind = false;
        for (const s of this.subscribers) {
          while (!s.closed && s.nextRevision <= this.last) {
            const event = this.at(s.nextRevision++);
            try {
              s.listener(event);
            } catch (error) {
              s.error = error;
              s.unsubscribe();
            }
            behind = true;
          }
        }
      }
    } finally {
      this.delivering = false;
    }
  }

  /** Removes a subscriber (copy-on-write, so a delivery loop in progress is not disturbed). */
  detach(subscriber: Subscriber): void {
    this.subscribers = this.subscribers.filter((s) => s !== subscriber);
  }

  private at(revision: number): ChangeEvent {
    const event = this.window[(revision - 1) % this.retain];
    if (event === undefined || event.revision !== revision) {
      throw new Error(`change stream: revision ${revision} is not retained`);
    }
    return event;
  }

  private refuse(fromRevision: number): Compacted | Invalid | undefined {
    const causes = validateRevision('fromRevision', fromRevision);
    if (causes.length > 0) return invalid(causes);
    if (fromRevision >= this.oldestRetained) return undefined;
    return {
      ok: false,
      reason: 'Compacted',
      requested: fromRevision,
      oldestRetained: this.oldestRetained,
      message:
        `revision ${fromRevision} was compacted: only revisions ${this.oldestRetained}..${this.last} ` +
        'are retained; resume from there after re-reading the current state',
    };
  }
}
