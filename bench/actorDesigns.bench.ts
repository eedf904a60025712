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
 * - `beside`: a synchronous idle/busy machine decides; a FIFO beside it holds the waiting
 *   callers, and each caller runs its own command once admitted (what `src/actor` uses).
 */
import { Bench } from 'tinybench';
import { assign, createActor, fromPromise, setup } from 'xstate';
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

function beside(): Serialiser {
  const waiting: { admit: () => void; reject: (error: Error) => void }[] = [];
  let admitted = false;
  const machine = setup({
    types: { events: {} as { type: 'ENQUEUE' } | { type: 'DONE' } | { type: 'STOP' } },
    actions: {
      admit: () => {
        admitted = true;
      },
      admitNext: () => waiting.shift()!.admit(),
      rejectWaiting: () => {
        for (const w of waiting.splice(0)) w.reject(stoppedError());
      },
    },
    guards: { hasWaiting: () => waiting.length > 0 },
  }).createMachine({
    initial: 'idle',
    states: {
      idle: { on: { ENQUEUE: { target: 'busy', actions: 'admit' } } },
      busy: { on: { DONE: [{ guard: 'hasWaiting', actions: 'admitNext' }, { target: 'idle' }] } },
      stopped: { type: 'final', entry: 'rejectWaiting' },
    },
    on: { STOP: '.stopped' },
  });
  const actor = createActor(machine).start();
  const turn = (): Promise<void> | undefined => {
    if (actor.getSnapshot().status !== 'active') return Promise.reject(stoppedError());
    admitted = false;
    actor.send({ type: 'ENQUEUE' });
    if (admitted) return undefined;
    return new Promise<void>((admit, reject) => waiting.push({ admit, reject }));
  };
  return {
    run: async (body) => {
      await turn();
      try {
        await body();
      } finally {
        if (actor.getSnapshot().status === 'active') actor.send({ type: 'DONE' });
      }
    },
    stop: () => actor.send({ type: 'STOP' }),
  };
}

function keyedMutex(): Serialiser {
  const mutex = new AsyncMutex(createProductionRuntime(createSequentialIds()), 'key');
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
  ['beside', beside],
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
  const settled = pending.map(() => false);
  pending.forEach((p, i) =>
    p.then(
      () => (settled[i] = true),
      () => (settled[i] = true),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  const hanging = settled.filter((x) => !x).length;
  return `completed ${state.completed}/${IN_FLIGHT}+, overlaps ${state.overlaps}, hanging after stop ${hanging}/${IN_FLIGHT}`;
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
  console.log(`${task.name.padEnd(16)} ${perOp.toFixed(2).padStart(7)} µs/command`);
}
for (const [name, create] of VARIANTS) console.log(`${name.padEnd(16)} ${await checkProperties(create)}`);
