/**
 * The instrumented memory (`src/memory/`): each shared-map call is one atomic step, labelled as
 * in the Rust source, and behaves like its DashMap counterpart, in production mode (no
 * scheduling) and under the scheduler.
 */
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../sim/scheduler/Scheduler.ts';
import { createSequentialIds } from '../../src/determinism/ids.ts';
import { LockTable } from '../../src/memory/LockTable.ts';
import { createProductionRuntime } from '../../src/memory/runtime.ts';
import { SharedMap } from '../../src/memory/SharedMap.ts';

const FIRST = { choose: () => 0 };

describe('SharedMap in production mode', () => {
  const rt = createProductionRuntime(createSequentialIds());

  it('answers at once, with DashMap return values', () => {
    const m = new SharedMap<string, number>(rt, 'm');
    expect(m.insert('a', 1)).toBeUndefined();
    expect(m.insert('a', 2)).toBe(1);
    expect(m.get('a')).toBe(2);
    expect(m.containsKey('a')).toBe(true);
    expect(m.getMut('a', (v) => v + 1)).toBe(true);
    expect(m.getMut('zz', (v) => v + 1)).toBe(false);
    expect(m.removeIf('a', (v) => v > 10)).toBeUndefined();
    expect(m.get('a')).toBe(3);
    expect(m.removeIf('a', (v) => v === 3)).toBe(3);
    expect(m.containsKey('a')).toBe(false);
    expect(m.remove('a')).toBeUndefined();
  });

  it('runs an entry closure on the slot: or-insert, then delete', () => {
    const m = new SharedMap<string, number>(rt, 'm');
    const orInsert = () =>
      m.entry('k', (e) => {
        if (e.value !== undefined) return e.value;
        e.set(7);
        return 7;
      });
    expect(orInsert()).toBe(7);
    m.insert('k', 8);
    expect(orInsert()).toBe(8);
    m.entry('k', (e) => e.delete());
    expect(m.peek().has('k')).toBe(false);
    m.insert('x', 1);
    m.insert('y', 2);
    expect(m.len()).toBe(2);
    expect(m.iter()).toEqual([
      ['x', 1],
      ['y', 2],
    ]);
  });
});

describe('SharedMap under the scheduler', () => {
  it('takes exactly one labelled step per call, closures included', async () => {
    const s = new Scheduler(createSequentialIds());
    const m = new SharedMap<string, number>(s, 'url_to_id');
    const outcome = await s.runPhase(
      [
        {
          name: 'T',
          body: async () => {
            await m.containsKey('U');
            await m.insert('U', 1);
            await m.entry('U', (e) => e.set((e.value ?? 0) + 1));
            await m.get('U');
            await m.remove('U');
          },
        },
      ],
      { chooser: FIRST, stepLimit: 100 },
    );
    expect(outcome.status).toBe('done');
    expect(outcome.trace.map((e) => e.label)).toEqual([
      'url_to_id.contains_key(U)',
      'url_to_id.insert(U)',
      'url_to_id.entry(U)',
      'url_to_id.get(U)',
      'url_to_id.remove(U)',
    ]);
  });
});

describe('LockTable', () => {
  it('serialises holders of one key, and hands a fresh mutex out after remove', async () => {
    const s = new Scheduler(createSequentialIds());
    const locks = new LockTable<string>(s, 'worker_mutation_locks');
    const order: string[] = [];
    const critical = (name: string) => async () => {
      const mutex = await locks.mutexFor('id1');
      await mutex.lock();
      order.push(`${name} in`);
      await locks.mutexFor('other'); // a step inside the critical section: the other task may run
      order.push(`${name} out`);
      mutex.unlock();
    };
    // Alternate between the tasks at every step: only the lock keeps them apart.
    let turn = 0;
    const alternate = { choose: (c: readonly unknown[]) => turn++ % c.length };
    const outcome = await s.runPhase(
      [
        { name: 'A', body: critical('A') },
        { name: 'B', body: critical('B') },
      ],
      { chooser: alternate, stepLimit: 100 },
    );
    expect(outcome.status).toBe('done');
    expect(order).toEqual(['A in', 'A out', 'B in', 'B out']);
    const before = locks.peek().get('id1');
    expect(before?.locked).toBe(false);
    const rt = createProductionRuntime(createSequentialIds());
    const table = new LockTable<string>(rt, 't');
    const held = table.mutexFor('k');
    expect(table.mutexFor('k')).toBe(held);
    table.remove('k');
    expect(table.mutexFor('k')).not.toBe(held);
  });
});
