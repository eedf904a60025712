/**
 * The statechart of one URL. The top level is the lifecycle, vacant → reserved → live and back;
 * nested in each lifecycle state is the mailbox, idle or busy, which is the serialisation:
 *
 * - ENQUEUE admits the command at once when idle (→ busy) and defers it to the FIFO beside the
 *   machine when busy.
 * - Every admitted command ends with exactly one settling event: its commit (RESERVED, RELEASED,
 *   REGISTERED, REPLACED, REMOVED) or DONE when it changed nothing. Settling admits the next
 *   waiting command (staying busy) or goes idle.
 * - Commit events are handled only in `busy` states: the lifecycle can move only on behalf of the
 *   command holding the turn, in the same macrostep that settles that command.
 *
 * STOP leads to the final `stopped` state, whose entry rejects every waiting command. XState
 * drops events a state does not handle, so nothing is ever sent to a stopped actor (`UrlActor`
 * checks first and rejects the caller instead).
 *
 * The machine only decides; its actions act on the `UrlPort` beside it (the mailbox's tickets and
 * the slot's content), so the same actions serve this machine interpreted by XState and the
 * table compiled from it (`compiledUrlChart.ts`). The lifecycle is the outer level, rather than a
 * parallel region beside the mailbox, because parallel regions cost 1.5–2× as much per event when
 * interpreted (docs/ACTOR.md). Exported so it can be visualised (e.g. in Stately's editor).
 */
import { setup } from 'xstate';
import type { Mailbox, Ticket } from './Mailbox.ts';
import type { Reservation, WorkerRecord } from './results.ts';

/** What a URL holds now. */
export type UrlSlot =
  | { readonly kind: 'vacant' }
  | { readonly kind: 'reserved'; readonly reservation: Reservation }
  | { readonly kind: 'live'; readonly record: WorkerRecord };

/** What lives beside the machine; only the machine's actions change it. */
export interface UrlPort {
  readonly url: string;
  /** The FIFO of tickets waiting for their turn. */
  readonly mailbox: Mailbox;
  /** The URL's content, as the last commit left it. */
  slot: UrlSlot;
}

/** The events a commit sends: the lifecycle moves and the command settles. */
export type CommitEvent =
  | { readonly type: 'RESERVED'; readonly reservation: Reservation }
  | { readonly type: 'RELEASED' }
  | { readonly type: 'REGISTERED'; readonly record: WorkerRecord }
  | { readonly type: 'REPLACED'; readonly record: WorkerRecord }
  | { readonly type: 'REMOVED' };

/** Every event the URL chart takes. */
export type UrlEvent =
  | { readonly type: 'ENQUEUE'; readonly ticket: Ticket }
  | { readonly type: 'DONE' }
  | CommitEvent
  | { readonly type: 'STOP' };

/** The slot of a URL that holds nothing. */
export const VACANT: UrlSlot = Object.freeze({ kind: 'vacant' });

/** The machine's actions, shared by both ways of running it. */
export const URL_ACTIONS = {
  /** An ENQUEUE found the URL idle: its command has the turn. */
  admit: (_port: UrlPort, event: UrlEvent) => {
    if (event.type === 'ENQUEUE') event.ticket.admit();
  },
  /** An ENQUEUE found the URL busy: its command waits in the mailbox. */
  defer: (port: UrlPort, event: UrlEvent) => {
    if (event.type === 'ENQUEUE') port.mailbox.defer(event.ticket);
  },
  admitNext: (port: UrlPort) => port.mailbox.admitNext(),
  rejectWaiting: (port: UrlPort) => port.mailbox.rejectAll(),
  /** A commit: the slot takes the committed content. */
  store: (port: UrlPort, event: UrlEvent) => {
    if (event.type === 'RESERVED') port.slot = { kind: 'reserved', reservation: event.reservation };
    else if (event.type === 'REGISTERED' || event.type === 'REPLACED')
      port.slot = { kind: 'live', record: event.record };
    else port.slot = VACANT;
  },
} as const;

/** The names of the chart's actions. */
export type UrlActionName = keyof typeof URL_ACTIONS;

type Lifecycle = 'vacant' | 'reserved' | 'live';

/** A commit settled the command, leaving the URL in `lifecycle`: admit the next, or go idle. */
function settleIn(lifecycle: Lifecycle) {
  return [
    { guard: 'hasWaiting', target: `#url.${lifecycle}.busy`, actions: ['store', 'admitNext'] },
    { target: `#url.${lifecycle}.idle`, actions: 'store' },
  ] as const;
}

/** A command arrived while idle: it gets the turn at once. */
const idle = { on: { ENQUEUE: { target: 'busy', actions: 'admit' } } } as const;
/** Settled without a change: the lifecycle state stays, the turn passes on. */
const DONE = [{ guard: 'hasWaiting', actions: 'admitNext' }, { target: 'idle' }] as const;

/** The URL statechart (see the file comment). */
export const urlMachine = setup({
  types: {
    context: {} as { readonly port: UrlPort },
    events: {} as UrlEvent,
    input: {} as UrlPort,
  },
  actions: {
    admit: ({ context, event }) => URL_ACTIONS.admit(context.port, event),
    defer: ({ context, event }) => URL_ACTIONS.defer(context.port, event),
    admitNext: ({ context }) => URL_ACTIONS.admitNext(context.port),
    rejectWaiting: ({ context }) => URL_ACTIONS.rejectWaiting(context.port),
    store: ({ context, event }) => URL_ACTIONS.store(context.port, event),
  },
  guards: {
    hasWaiting: ({ context }) => context.port.mailbox.size > 0,
  },
}).createMachine({
  id: 'url',
  context: ({ input }) => ({ port: input }),
  initial: 'vacant',
  on: { STOP: '.stopped' },
  states: {
    vacant: {
      initial: 'idle',
      states: {
        idle,
        busy: {
          on: {
            ENQUEUE: { actions: 'defer' },
            DONE,
            RESERVED: settleIn('reserved'),
            REGISTERED: settleIn('live'),
          },
        },
      },
    },
    reserved: {
      initial: 'idle',
      states: {
        idle,
        busy: {
          on: {
            ENQUEUE: { actions: 'defer' },
            DONE,
            REGISTERED: settleIn('live'),
            RELEASED: settleIn('vacant'),
          },
        },
      },
    },
    live: {
      initial: 'idle',
      states: {
        idle,
        busy: {
          on: {
            ENQUEUE: { actions: 'defer' },
            DONE,
            REPLACED: settleIn('live'),
            REMOVED: settleIn('vacant'),
          },
        },
      },
    },
    stopped: { type: 'final', entry: 'rejectWaiting' },
  },
});
