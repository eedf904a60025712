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
 *   command holding the turn, and it moves in the same macrostep that settles that command.
 *
 * STOP leads to the final `stopped` state, whose entry rejects every waiting command. XState
 * drops events a state does not handle, so nothing is ever sent to a stopped actor (`UrlActor`
 * checks first and rejects the caller instead). The lifecycle is the outer level, rather than a
 * parallel region beside the mailbox, because parallel regions cost about twice as much per
 * event (measured in docs/ACTOR.md). Exported so it can be visualised (e.g. in Stately's editor).
 */
import { assertEvent, assign, setup } from 'xstate';
import type { Mailbox, Ticket } from './Mailbox.ts';
import type { Reservation, WorkerRecord } from './results.ts';

/** What a URL holds now. */
export type UrlSlot =
  | { readonly kind: 'vacant' }
  | { readonly kind: 'reserved'; readonly reservation: Reservation }
  | { readonly kind: 'live'; readonly record: WorkerRecord };

export interface UrlContext {
  readonly url: string;
  readonly slot: UrlSlot;
  /** The FIFO beside the machine: only the machine's actions admit, defer or reject. */
  readonly mailbox: Mailbox;
}

/** The events a commit sends: the lifecycle moves and the command settles. */
export type CommitEvent =
  | { readonly type: 'RESERVED'; readonly reservation: Reservation }
  | { readonly type: 'RELEASED' }
  | { readonly type: 'REGISTERED'; readonly record: WorkerRecord }
  | { readonly type: 'REPLACED'; readonly record: WorkerRecord }
  | { readonly type: 'REMOVED' };

export type UrlEvent =
  | { readonly type: 'ENQUEUE'; readonly ticket: Ticket }
  | { readonly type: 'DONE' }
  | CommitEvent
  | { readonly type: 'STOP' };

export const VACANT: UrlSlot = Object.freeze({ kind: 'vacant' });

type Lifecycle = 'vacant' | 'reserved' | 'live';

/** A command settled, leaving the URL in `lifecycle`: admit the next waiting command, or go idle. */
function settleIn(lifecycle: Lifecycle, ...actions: ('occupy' | 'reserve' | 'vacate')[]) {
  return [
    { guard: 'hasWaiting', target: `#url.${lifecycle}.busy`, actions: [...actions, 'admitNext'] },
    { target: `#url.${lifecycle}.idle`, actions },
  ] as const;
}

/** A command arrived while idle: it gets the turn at once. */
const idle = { on: { ENQUEUE: { target: 'busy', actions: 'admit' } } } as const;
/** Settled without a change: the lifecycle state stays, the turn passes on. */
const DONE = [{ guard: 'hasWaiting', actions: 'admitNext' }, { target: 'idle' }] as const;

export const urlMachine = setup({
  types: {
    context: {} as UrlContext,
    events: {} as UrlEvent,
    input: {} as { readonly url: string; readonly mailbox: Mailbox },
  },
  actions: {
    admit: ({ event }) => {
      assertEvent(event, 'ENQUEUE');
      event.ticket.admit();
    },
    defer: ({ context, event }) => {
      assertEvent(event, 'ENQUEUE');
      context.mailbox.defer(event.ticket);
    },
    admitNext: ({ context }) => context.mailbox.admitNext(),
    rejectWaiting: ({ context }) => context.mailbox.rejectAll(),
    reserve: assign({
      slot: ({ event }) => {
        assertEvent(event, 'RESERVED');
        return { kind: 'reserved', reservation: event.reservation };
      },
    }),
    occupy: assign({
      slot: ({ event }) => {
        assertEvent(event, ['REGISTERED', 'REPLACED']);
        return { kind: 'live', record: event.record };
      },
    }),
    vacate: assign({ slot: VACANT }),
  },
  guards: {
    hasWaiting: ({ context }) => context.mailbox.size > 0,
  },
}).createMachine({
  id: 'url',
  context: ({ input }) => ({ url: input.url, slot: VACANT, mailbox: input.mailbox }),
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
            RESERVED: settleIn('reserved', 'reserve'),
            REGISTERED: settleIn('live', 'occupy'),
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
            REGISTERED: settleIn('live', 'occupy'),
            RELEASED: settleIn('vacant', 'vacate'),
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
            REPLACED: settleIn('live', 'occupy'),
            REMOVED: settleIn('vacant', 'vacate'),
          },
        },
      },
    },
    stopped: { type: 'final', entry: 'rejectWaiting' },
  },
});
