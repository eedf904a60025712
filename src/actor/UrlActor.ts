/**
 * One URL's actor: the running statechart (`urlMachine`) and the mailbox beside it. It is the only
 * writer of its URL: commands are admitted one at a time, decide from the actor's slot, and end
 * with exactly one settling event. Sends are synchronous, so the slot read by the admitted command
 * is exactly what the last commit left.
 */
import { type Actor, createActor, type InspectionEvent } from 'xstate';
import type { ChangeEvent } from './changeStream.ts';
import { ActorStoppedError, Mailbox, Ticket } from './Mailbox.ts';
import type { CommitParty } from './sharedIndex.ts';
import { type CommitEvent, type UrlSlot, urlMachine } from './urlMachine.ts';

/** One transition of a URL's statechart, as the inspection hook records it. */
export interface UrlTraceEntry {
  readonly url: string;
  /** The event that caused it (`xstate.init` when the actor starts). */
  readonly event: string;
  /** `lifecycle/mailbox`, e.g. `live/busy`, or `stopped`. */
  readonly state: string;
}

export type UrlTraceHook = (entry: UrlTraceEntry) => void;

export class UrlActor implements CommitParty {
  private readonly actor: Actor<typeof urlMachine>;

  constructor(
    readonly url: string,
    onTransition?: UrlTraceHook,
  ) {
    const mailbox = new Mailbox(url);
    this.actor = createActor(urlMachine, {
      input: { url, mailbox },
      ...(onTransition === undefined ? {} : { inspect: traceTo(url, onTransition) }),
    });
    this.actor.start();
  }

  /** What the URL holds (read by the admitted command only). */
  get slot(): UrlSlot {
    return this.actor.getSnapshot().context.slot;
  }

  get stopped(): boolean {
    return this.actor.getSnapshot().status !== 'active';
  }

  /** Vacant with no command running or waiting: the router may stop and forget it. */
  get forgettable(): boolean {
    const snapshot = this.actor.getSnapshot();
    return snapshot.status === 'active' && snapshot.matches({ vacant: 'idle' });
  }

  /** Joins the mailbox. The ticket is admitted at once when idle, and rejected when stopped. */
  enqueue(): Ticket {
    const ticket = new Ticket();
    // XState would drop an event sent to a stopped actor, leaving the caller hanging.
    if (this.stopped) ticket.reject(new ActorStoppedError(this.url));
    else this.actor.send({ type: 'ENQUEUE', ticket });
    return ticket;
  }

  /** Ends the admitted command without a change. */
  done(): void {
    if (!this.stopped) this.actor.send({ type: 'DONE' });
  }

  /** Stops the actor: every waiting command is rejected. */
  stop(): void {
    if (!this.stopped) this.actor.send({ type: 'STOP' });
  }

  /** How traces name this actor. */
  describe(): string {
    return `actor(${this.url})`;
  }

  assertRunning(): void {
    if (this.stopped) throw new ActorStoppedError(this.url);
  }

  /** The commit is applied: the lifecycle moves and the command settles, in the commit step. */
  committed(event: ChangeEvent): void {
    this.actor.send(commitEvent(event));
  }
}

function commitEvent(event: ChangeEvent): CommitEvent {
  switch (event.type) {
    case 'reserved':
      return { type: 'RESERVED', reservation: event.current };
    case 'released':
      return { type: 'RELEASED' };
    case 'registered':
      return { type: 'REGISTERED', record: event.current };
    case 'replaced':
      return { type: 'REPLACED', record: event.current };
    case 'removed':
      return { type: 'REMOVED' };
  }
}

function traceTo(url: string, hook: UrlTraceHook): (inspection: InspectionEvent) => void {
  return (inspection) => {
    if (inspection.type !== '@xstate.snapshot') return;
    const snapshot = inspection.snapshot as ReturnType<Actor<typeof urlMachine>['getSnapshot']>;
    hook({ url, event: inspection.event.type, state: stateName(snapshot.value) });
  };
}

function stateName(value: ReturnType<Actor<typeof urlMachine>['getSnapshot']>['value']): string {
  if (typeof value === 'string') return value;
  const [lifecycle, mailbox] = Object.entries(value)[0]!;
  return `${lifecycle}/${mailbox}`;
}
