import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../sim/scheduler/Scheduler.ts';
import type { Chooser, TaskSpec } from '../../sim/scheduler/types.ts';
import { createSequentialIds } from '../../src/determinism/ids.ts';
import { createPrng } from '../../src/determinism/prng.ts';
import { AsyncMutex } from '../../src/memory/AsyncMutex.ts';
import { SharedMap } from '../../src/memory/SharedMap.ts';

const first: Chooser = { choose: () => 0 };
const seeded = (seed: number): Chooser => {
  const prng = createPrng(seed);
  return { choose: (c) => prng.below(c.length) };
};

/** Two tasks each doing a read-modify-write of one counter in two steps: the lost-update race. */
function counterTasks(map: SharedMap<string, number>): TaskSpec[] {
  const increment = async () => {
    const v = (await map.get('n')) ?? 0;
    await map.insert('n', v + 1);
  };
  return [
    { name: 'A', body: increment },
    { name: 'B', body: increment },
  ];
}

describe('Scheduler', () => {
  it('runs tasks one step at a time in the order the chooser picks', async () => {
    const s = new Scheduler(createSequentialIds());
    const map = new SharedMap<string, number>(s, 'm');
    const script = [0, 1, 0, 0];
    const chooser: Chooser = { choose: (c) => Math.min(script.shift() ?? 0, c.length - 1) };
    const outcome = await s.runPhase(counterTasks(map), { chooser, stepLimit: 100 });
    expect(outcome.status).toBe('done');
    expect(outcome.trace.map((e) => `${e.task}:${e.label}`)).toEqual([
      '0:m.get(n)',
      '1:m.get(n)',
      '0:m.insert(n)',
      '1:m.insert(n)',
    ]);
    // Both read 0 before either wrote: the update of A is lost.
    expect(map.peek().get('n')).toBe(1);
  });

  it('serial schedules do not lose the update', async () => {
    const s = new Scheduler(createSequentialIds());
    const map = new SharedMap<string, number>(s, 'm');
    await s.runPhase(counterTasks(map), { chooser: first, stepLimit: 100 });
    expect(map.peek().get('n')).toBe(2);
  });

  it('gives the same trace for the same chooser seed', async () => {
    const run = async (seed: number) => {
      const s = new Scheduler(createSequentialIds());
      const map = new SharedMap<string, number>(s, 'm');
      const tasks = [0, 1, 2].map((i) => ({
        name: `T${i}`,
        body: async () => {
          for (let k = 0; k < 5; k++) await map.insert(`k${k}`, i);
        },
      }));
      const outcome = await s.runPhase(tasks, { chooser: seeded(seed), stepLimit: 100 });
      return JSON.stringify(outcome.trace);
    };
    expect(await run(7)).toBe(await run(7));
    const traces = new Set(await Promise.all([1, 2, 3, 4, 5].map(run)));
    expect(traces.size).toBeGreaterThan(1);
  });

  it('detects a deadlock and names the waiting tasks', async () => {
    const s = new Scheduler(createSequentialIds());
    const m1 = new AsyncMutex(s, 'L1');
    const m2 = new AsyncMutex(s, 'L2');
    const lockBoth = (a: AsyncMutex, b: AsyncMutex) => async () => {
      await a.lock();
      await b.lock();
      b.unlock();
      a.unlock();
    };
    const script = [0, 1];
    const chooser: Chooser = { choose: (c) => Math.min(script.shift() ?? 0, c.length - 1) };
    const outcome = await s.runPhase(
      [
        { name: 'A', body: lockBoth(m1, m2) },
        { name: 'B', body: lockBoth(m2, m1) },
      ],
      { chooser, stepLimit: 100 },
    );
    expect(outcome.status).toBe('deadlock');
    expect(outcome.unfinished.map((u) => `${u.name}@${u.label}`)).toEqual(['A@L2.lock', 'B@L1.lock']);
  });

  it('parks a task on a held mutex and hands the mutex over on unlock', async () => {
    const s = new Scheduler(createSequentialIds());
    const mutex = new AsyncMutex(s, 'L');
    const map = new SharedMap<string, number>(s, 'm');
    const order: string[] = [];
    const critical = (name: string) => async () => {
      await mutex.lock();
      order.push(`${name} in`);
      await map.insert('x', 1);
      order.push(`${name} out`);
      mutex.unlock();
    };
    // A takes the lock, then B tries it and parks; only A can run until it unlocks.
    const script = [0, 1];
    const chooser: Chooser = { choose: (c) => Math.min(script.shift() ?? c.length - 1, c.length - 1) };
    const outcome = await s.runPhase(
      [
        { name: 'A', body: critical('A') },
        { name: 'B', body: critical('B') },
      ],
      { chooser, stepLimit: 100 },
    );
    expect(outcome.status).toBe('done');
    expect(order).toEqual(['A in', 'A out', 'B in', 'B out']);
    expect(outcome.trace.map((e) => `${e.task}:${e.label}`)).toEqual([
      '0:L.lock()',
      '1:L.lock()',
      '0:m.insert(x)',
      '1:L.lock',
      '1:m.insert(x)',
    ]);
  });

  it('stops at the step limit', async () => {
    const s = new Scheduler(createSequentialIds());
    const map = new SharedMap<string, number>(s, 'm');
    const spin = async () => {
      for (;;) await map.get('x');
    };
    const outcome = await s.runPhase([{ name: 'spin', body: spin }], { chooser: first, stepLimit: 25 });
    expect(outcome.status).toBe('step-limit');
    expect(outcome.steps).toBe(25);
  });

  it('reports a task that awaits a promise the scheduler does not control', async () => {
    const s = new Scheduler(createSequentialIds());
    const map = new SharedMap<string, number>(s, 'm');
    const outcome = await s.runPhase(
      [
        {
          name: 'escapee',
          body: async () => {
            await map.get('x');
            await new Promise(() => {});
          },
        },
      ],
      { chooser: first, stepLimit: 100 },
    );
    expect(outcome.status).toBe('escaped');
  });

  it('records errors thrown by tasks and finishes the others', async () => {
    const s = new Scheduler(createSequentialIds());
    const map = new SharedMap<string, number>(s, 'm');
    const outcome = await s.runPhase(
      [
        {
          name: 'bad',
          body: async () => {
            await map.get('x');
            throw new Error('boom');
          },
        },
        { name: 'good', body: async () => void (await map.insert('x', 1)) },
      ],
      { chooser: first, stepLimit: 100 },
    );
    expect(outcome.status).toBe('done');
    expect((outcome.errors.get('bad') as Error).message).toBe('boom');
    expect(map.peek().get('x')).toBe(1);
  });

  it('finishes tasks that take no step at all', async () => {
    const s = new Scheduler(createSequentialIds());
    const outcome = await s.runPhase([{ name: 'idle', body: async () => {} }], {
      chooser: first,
      stepLimit: 10,
    });
    expect(outcome.status).toBe('done');
    expect(outcome.steps).toBe(0);
  });
});
