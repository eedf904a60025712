/**
 * One URL's actor: an XState actor running the URL statechart, and the port beside it (mailbox
 * and slot). It is the only writer of its URL: commands are admitted one at a time, decide from
 * the slot, and end with exactly one settling event. Sends are synchronous, so the slot read by
 * the admitted command is exactly what the last commit left.
 *
 * Two engines run the same chart: `compiled` (default) runs the table compiled from it in an
 * XState actor (`compiledUrlLogic`); `interpreted` runs `urlMachine` itself, e.g. to attach
 * XState's inspector. Both are checked to agree event for event.
 */
import { type Actor, createActor, type InspectionEvent, type SnapshotFrom } from 'xstate';
import type { ChangeEvent } from './changeStream.ts';
import { compiledUrlLogic, stateKey } from './compiledUrlChart.ts';
import { ActorStoppedError, Mailbox, Ticket } from './Mailbox.ts';
import type { CommitParty } from './sharedIndex.ts';
import {
  type CommitEvent,
  type UrlEvent,
  type UrlPort,
  type UrlSlot,
  urlMachine,
  VACANT,
} from './urlMachine.ts';

/** How the URL statechart runs: the table compiled from it, or XState interpreting it. */
export type UrlEngine = 'compiled' | 'interpreted';

/** One transition of a URL's statechart, as the inspection hook records it. */
export interface UrlTraceEntry {
  readonly url: string;
  /** The event that caused it (`xstate.init` when the actor starts). */
  readonly event: string;
  /** The statechart state after it, e.g. `live.busy` or `stopped`. */
  readonly state: string;
}

/** Receives every transition of a URL's statechart. */
export type UrlTraceHook = (entry: UrlTraceEntry) => void;

/** How a `UrlActor` runs its chart and who hears of its transitions. */
export interface UrlActorOptions {
  readonly engine?: UrlEngine;
  readonly onTransition?: UrlTraceHook;
}

const STOPPED = 'stopped';
const VACANT_IDLE = 'vacant.idle';

/** The actor of one URL (see the file comment). */
export class UrlActor implements CommitParty {
  private readonly port: UrlPort;
  /** Exactly one of the two is set, per engine (fields rather than closures: spawning is hot). */
  private readonly compiled: Actor<typeof compiledUrlLogic> | undefined;
  private readonly interpreted: Actor<typeof urlMachine> | undefined;

  constructor(
    readonly url: string,
    options: UrlActorOptions = {},
  ) {
    this.port = { url, mailbox: new Mailbox(url), slot: VACANT };
    const inspect = inspection(url, options.onTransition);
    if (options.engine === 'interpreted') {
      this.interpreted = createActor(urlMachine, { input: this.port, ...inspect }).start();
    } else {
      this.compiled = createActor(compiledUrlLogic, { input: this.port, ...inspect }).start();
    }
  }

  /** What the URL holds (read by the admitted command only). */
  get slot(): UrlSlot {
    return this.port.slot;
  }

  /** The statechart's state, e.g. `live.busy`. */
  get state(): string {
    if (this.compiled !== undefined) return this.compiled.getSnapshot().context.key;
    return stateKey(this.interpreted!.getSnapshot().value);
  }

  get stopped(): boolean {
    return this.state === STOPPED;
  }

  /** Vacant with no command running or waiting: the router may stop and forget it. */
  get forgettable(): boolean {
    return this.state === VACANT_IDLE;
  }

  /** Joins the mailbox. The ticket is admitted at once when idle, and rejected when stopped. */
  enqueue(): Ticket {
    const ticket = new Ticket();
    // The chart would drop an event sent to a stopped actor, leaving the caller hanging.
    if (this.stopped) ticket.reject(new ActorStoppedError(this.url));
    else this.send({ type: 'ENQUEUE', ticket });
    return ticket;
  }

  /** Ends the admitted command without a change. */
  done(): void {
    this.send({ type: 'DONE' });
  }

  /**
   * Stops the actor: every waiting command is rejected. The chart's final state ends it (the
   * compiled runner takes no event there); no timer or subscription holds it, so once the router
   * forgets it, it is garbage.
   */
  stop(): void {
    this.send({ type: 'STOP' });
  }

  /** How traces name this actor. */
  describe(): string {
    return `actor(${this.url})`;
  }

  /** Refuses a commit once stopped, so a stopped actor never reports a write it lost. */
  assertRunning(): void {
    if (this.stopped) throw new ActorStoppedError(this.url);
  }

  /** The commit is applied: the lifecycle moves and the command settles, in the commit step. */
  committed(event: ChangeEvent): void {
    this.send(commitEvent(event));
  }

  /** Sends to the running chart; a stopped (final) chart is done and takes no more events. */
  private send(event: UrlEvent): void {
    if (this.stopped) return;
    if (this.compiled !== undefined) this.compiled.send(event);
    else this.interpreted!.send(event);
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

/** The `inspect` option forwarding each snapshot to `hook` with its event (none without a hook). */
function inspection(
  url: string,
  hook: UrlTraceHook | undefined,
): { inspect?: (event: InspectionEvent) => void } {
  if (hook === undefined) return {};
  return {
    inspect: (event) => {
      if (event.type === '@xstate.snapshot')
        hook({ url, event: event.event.type, state: snapshotKey(event.snapshot) });
    },
  };
}

/**
 * The state key of an inspected snapshot, which XState hands over untyped: a machine snapshot has
 * a `value`; the compiled runner's snapshot keeps the key in its context.
 */
function snapshotKey(snapshot: unknown): string {
  const machine = snapshot as SnapshotFrom<typeof urlMachine>;
  if (machine.value !== undefined) return stateKey(machine.value);
  return (snapshot as SnapshotFrom<typeof compiledUrlLogic>).context.key;
}
