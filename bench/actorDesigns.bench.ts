/**
 * The three ways of serialising async commands per key with XState v5, measured side by side
 * (production mode, one hot key, 64 commands in flight), plus a keyed async mutex for scale.
 * Each variant is also checked for the properties the actor registry needs: no command dropped,
 * no two commands of one key overlapping, and every pending command rejected when the actor
 * stops. Run: `node --import tsx bench/actorDesigns.bench.ts`.
 *
 * - `context-queue`: the queue lives in the machine's context; the busy state's entry action
 *   starts the head command and its completion is sent back to the actor (`DONE`).
 * - `invoked-promise`: the busy state invokes a `fromPromise` actor per command; `onDone` admits
 *   the next one.
 * - `beside`: a synchronous statechart decides; a FIFO beside it holds the waiting callers, and
 *   each caller runs its own command once admitted. This is `src/actor`'s `UrlActor`, measured
 *   with XState interpreting the URL chart and with the table compiled from it.
 *
 * A second part measures one command's two events (ENQUEUE, then a settling commit) on the shapes
 * the URL chart could take: lifecycle and mailbox as parallel regions, mailbox nested in each
 * lifecycle state (`urlMachine`), and that chart compiled to a table (`compiledUrlLogic`).
 */
import { Bench } from 'tinybench';
import { assign, createActor, fromPromise, setup } from 'xstate';
import { compiledUrlLogic } from '../src/actor/compiledUrlChart.ts';
import { Mailbox, Ticket } from '../src/actor/Mailbox.ts';
import { UrlActor, type UrlEngine } from '../src/actor/UrlActor.ts';
import { type UrlEvent, urlMachine, VACANT } from '../src/actor/urlMachine.ts';
import { createSequentialIds } from '../src/determinism/ids.ts';
import { AsyncMutex } from '../src/memory/AsyncMutex.ts';
import { createProductionRuntime } from '../src/memory/runtime.ts';

type Body = () => Promise<void>;
interface Command {
  readonly body: Body;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}
/** A per-key serialiser: `run` resolves when `body` has run; `stop` rejects what is pending. */
interface Serialiser {
  run(body: Body): Promise<void>;
  stop(): void;
}

const stoppedError = () => new Error('actor stopped');
const rt = createProductionRuntime(createSequentialIds());

function contextQueue(): Serialiser {
  const machine = setup({
    types: {
      context: {} as { queue: readonly Command[] },
      events: {} as { type: 'ENQUEUE'; command: Command } | { type: 'DONE' } | { type: 'STOP' },
    },
  }).createMachine({
    context: { queue: [] },
    initial: 'idle',
    states: {
      idle: {
        on: { ENQUEUE: { target: 'busy', actions: assign({ queue: ({ event }) => [event.command] }) } },
      },
      busy: {
        entry: ({ context, self }) => {
          const head = context.queue[0]!;
          head
            .body()
            .then(head.resolve, head.reject)
            .finally(() => self.send({ type: 'DONE' }));
        },
        on: {
          ENQUEUE: { actions: assign({ queue: ({ context, event }) => [...context.queue, event.command] }) },
          DONE: [
            {
              guard: ({ context }) => context.queue.length > 1,
              target: 'busy',
              reenter: true,
              actions: assign({ queue: ({ context }) => context.queue.slice(1) }),
            },
            { target: 'idle', actions: assign({ queue: [] }) },
          ],
        },
      },
      stopped: { type: 'final' },
    },
    on: {
      STOP: {
        target: '.stopped',
        actions: ({ context }) => {
          for (const c of context.queue.slice(1)) c.reject(stoppedError());
        },
      },
    },
  });
  const actor = createActor(machine).start();
  return {
    run: (body) =>
      new Promise<void>((resolve, reject) => {
        if (actor.getSnapshot().status !== 'active') reject(stoppedError());
        else actor.send({ type: 'ENQUEUE', command: { body, resolve, reject } });
      }),
    stop: () => actor.send({ type: 'STOP' }),
  };
}

function invokedPromise(): Serialiser {
  const machine = setup({
    types: {
      context: {} as { queue: readonly Command[] },
      events: {} as { type: 'ENQUEUE'; command: Command } | { type: 'STOP' },
    },
    actors: {
      runCommand: fromPromise<void, Command>(({ input }) => input.body().then(input.resolve, input.reject)),
    },
  }).createMachine({
    context: { queue: [] },
    initial: 'idle',
    states: {
      idle: {
        on: { ENQUEUE: { target: 'busy', actions: assign({ queue: ({ event }) => [event.command] }) } },
      },
      busy: {
        invoke: {
          src: 'runCommand',
          input: ({ context }) => context.queue[0]!,
          onDone: [
            {
              guard: ({ context }) => context.queue.length > 1,
              target: 'busy',
              reenter: true,
              actions: assign({ queue: ({ context }) => context.queue.slice(1) }),
            },
            { target: 'idle', actions: assign({ queue: [] }) },
          ],
        },
        on: {
          ENQUEUE: { actions: assign({ queue: ({ context, event }) => [...context.queue, event.command] }) },
        },
      },
      stopped: { type: 'final' },
    },
    on: {
      STOP: {
        target: '.stopped',
        actions: ({ context }) => {
          for (const c of context.queue) c.reject(stoppedError());
        },
      },
    },
  });
  const actor = createActor(machine).start();
  return {
    run: (body) =>
      new Promise<void>((resolve, reject) => {
        if (actor.getSnapshot().status !== 'active') reject(stoppedError());
        else actor.send({ type: 'ENQUEUE', command: { body, resolve, reject } });
      }),
    stop: () => actor.send({ type: 'STOP' }),
  };
}

/** The design `src/actor` uses: the real URL actor on either engine; callers run their own command. */
function beside(engine: UrlEngine): () => Serialiser {
  return () => {
    const actor = new UrlActor('key', { engine });
    return {
      run: async (body) => {
        const admitted = actor.enqueue().wait(rt, 'mailbox(key)');
        if (admitted !== undefined) await admitted;
        try {
          await body();
        } finally {
          actor.done();
        }
      },
      stop: () => actor.stop(),
    };
  };
}

function keyedMutex(): Serialiser {
  const mutex = new AsyncMutex(rt, 'key');
  return {
    run: async (body) => {
      await mutex.lock();
      try {
        await body();
      } finally {
        mutex.unlock();
      }
    },
    // A mutex has no notion of stopping: waiters stay parked (the property the actors add).
    stop: () => {},
  };
}

const VARIANTS: readonly [string, () => Serialiser][] = [
  ['context-queue', contextQueue],
  ['invoked-promise', invokedPromise],
  ['beside (interpreted)', beside('interpreted')],
  ['beside (compiled)', beside('compiled')],
  ['keyed-mutex', keyedMutex],
];
const IN_FLIGHT = 64;

/** A command with two await points that records overlap on its key. */
function makeBody(state: { running: number; overlaps: number; completed: number }): Body {
  return async () => {
    if (++state.running > 1) state.overlaps++;
    await Promise.resolve();
    await Promise.resolve();
    state.running--;
    state.completed++;
  };
}

/** Runs `IN_FLIGHT` commands, then stops with as many pending, and reports the properties. */
async function checkProperties(create: () => Serialiser): Promise<string> {
  const state = { running: 0, overlaps: 0, completed: 0 };
  const s = create();
  await Promise.all(Array.from({ length: IN_FLIGHT }, () => s.run(makeBody(state))));
  const pending = Array.from({ length: IN_FLIGHT }, () => s.run(makeBody(state)));
  s.stop();
  const outcome = pending.map(() => 'hanging');
  for (const [i, p] of pending.entries()) {
    p.then(
      () => {
        outcome[i] = 'completed';
      },
      () => {
        outcome[i] = 'rejected';
      },
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
  const count = (what: string) => outcome.filter((o) => o === what).length;
  return (
    `overlaps ${state.overlaps}; ${IN_FLIGHT} commands then ${IN_FLIGHT} more and stop: ` +
    `${count('completed')} completed, ${count('rejected')} rejected, ${count('hanging')} hanging`
  );
}

const bench = new Bench({ name: 'per-key serialisation designs', time: 1000, warmupTime: 200 });
for (const [name, create] of VARIANTS) {
  const s = create();
  const state = { running: 0, overlaps: 0, completed: 0 };
  bench.add(name, async () => {
    await Promise.all(Array.from({ length: IN_FLIGHT }, () => s.run(makeBody(state))));
  });
}
await bench.run();
for (const task of bench.tasks) {
  const result = task.result;
  if (result.state !== 'completed') continue;
  const perOp = (result.period * 1000) / IN_FLIGHT;
  console.log(`${task.name.padEnd(22)} ${perOp.toFixed(2).padStart(7)} µs/command`);
}
for (const [name, create] of VARIANTS) console.log(`${name.padEnd(22)} ${await checkProperties(create)}`);

/**
 * The URL chart with lifecycle and mailbox as parallel regions (the alternative to nesting the
 * mailbox in each lifecycle state); only the transitions one replace takes are spelled out.
 */
const parallelChart = setup({
  types: { context: {} as { waiting: number }, events: {} as UrlEvent },
  guards: { hasWaiting: ({ context }) => context.waiting > 0 },
  actions: { admit: () => {}, admitNext: () => {}, store: () => {} },
}).createMachine({
  context: { waiting: 0 },
  type: 'parallel',
  states: {
    lifecycle: {
      initial: 'live',
      states: { vacant: {}, live: { on: { REPLACED: { actions: 'store' }, REMOVED: 'vacant' } } },
    },
    mailbox: {
      initial: 'idle',
      states: {
        idle: { on: { ENQUEUE: { target: 'busy', actions: 'admit' } } },
        busy: { on: { REPLACED: [{ guard: 'hasWaiting', actions: 'admitNext' }, { target: 'idle' }] } },
      },
    },
  },
});

const SAMPLE = {
  id: 'id1',
  url: 'key',
  worker: {
    label: 'W',
    url: 'key',
    models: [],
    type: 'Regular',
    mode: 'Http',
    priority: 50,
    cost: 1,
    labels: {},
  },
  createRevision: 1,
  modRevision: 1,
  version: 1,
} as const;

/** Each shape, started live and idle, with a function sending one command's two events. */
function shapes(): [string, () => void][] {
  const port = () => ({ url: 'key', mailbox: new Mailbox('key'), slot: VACANT });
  const live = (send: (event: UrlEvent) => void) => {
    send({ type: 'ENQUEUE', ticket: new Ticket() });
    send({ type: 'REGISTERED', record: SAMPLE });
  };
  const parallel = createActor(parallelChart).start();
  const nested = createActor(urlMachine, { input: port() }).start();
  live((e) => nested.send(e));
  const compiled = createActor(compiledUrlLogic, { input: port() }).start();
  live((e) => compiled.send(e));
  const command = (send: (event: UrlEvent) => void) => () => {
    send({ type: 'ENQUEUE', ticket: new Ticket() });
    send({ type: 'REPLACED', record: SAMPLE });
  };
  return [
    ['parallel regions', command((e) => parallel.send(e))],
    ['nested (urlMachine)', command((e) => nested.send(e))],
    ['compiled table', command((e) => compiled.send(e))],
  ];
}

const shapeBench = new Bench({ name: 'one command on each chart shape', time: 1000, warmupTime: 200 });
for (const [name, fn] of shapes()) shapeBench.add(name, fn);
await shapeBench.run();
for (const task of shapeBench.tasks) {
  if (task.result.state !== 'completed') continue;
  console.log(
    `${task.name.padEnd(22)} ${(task.result.period * 1000).toFixed(2).padStart(7)} µs per ENQUEUE + settle`,
  );
}
