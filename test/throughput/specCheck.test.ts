import { describe, expect, it } from 'vitest';
import { checkedSubject } from '../../sim/throughput/concurrentCheck.ts';
import { cellSeed, generateCycle } from '../../sim/throughput/sequence.ts';
import { checkAgainstSpec } from '../../sim/throughput/specCheck.ts';
import { targetOf } from '../../sim/throughput/subject.ts';
import { HOT_WORKLOAD, NAMED_MIXES, spreadWorkload } from '../../sim/throughput/workload.ts';
import { findImplementation } from '../../src/catalog.ts';
import type { Implementation } from '../../src/types.ts';

const shape = { drawn: 300, concurrency: 20 };
const cycles = [HOT_WORKLOAD, spreadWorkload(30, 3)].flatMap((workload) =>
  NAMED_MIXES.map((mix) => ({
    name: `${workload.name}, ${mix.name}`,
    cycle: generateCycle(workload, mix, cellSeed(7, workload, mix), shape),
  })),
);
const builtIn = (name: string) => findImplementation(name)!;

describe('the correctness checks of regsim bench', () => {
  it.each(['actor', 'v1113', 'v836', 'r0'])('%s answers as the specification on every mix', async (name) => {
    for (const { cycle } of cycles) {
      expect(await checkAgainstSpec(targetOf(builtIn(name)), cycle)).toBeUndefined();
      await checkedSubject(name, targetOf(builtIn(name)), cycle);
    }
  });

  it('names the first answer that differs, and a final state that does', async () => {
    const actor = builtIn('actor');
    // getByModel forgets the last worker of the model.
    const forgetful: Implementation = {
      ...actor,
      create: (rt) => {
        const registry = actor.create(rt);
        return { ...registry, getByModel: async (m) => (await registry.getByModel(m)).slice(0, -1) };
      },
    };
    const readHeavy = cycles.find((c) => c.name === '30 URLs, read-heavy')!;
    const wrong = await checkAgainstSpec(targetOf(forgetful), readHeavy.cycle);
    expect(wrong?.operation).toMatch(/^getByModel\(m\d\)$/);
    expect(wrong?.expected).toMatch(/^\[W\d+\.\d+(, W\d+\.\d+){9}\]$/);
    // removeByUrl answers as if it removed, but keeps the worker: a second removal in a batch shows it.
    const sticky: Implementation = {
      ...actor,
      create: (rt) => {
        const registry = actor.create(rt);
        return { ...registry, removeByUrl: (url) => registry.getByUrl(url) };
      },
    };
    const churn = cycles.find((c) => c.name === 'hot URL, churn')!;
    const stale = await checkAgainstSpec(targetOf(sticky), churn.cycle);
    expect(stale?.operation).toBe('removeByUrl(http://w0:8000)');
    expect(stale?.answered).toMatch(/^W0\.\d+$/);
    expect(stale?.expected).toBe('None');
    // Every answer right, but a worker too many in its state.
    const haunted: Implementation = {
      ...actor,
      create: (rt) => {
        const registry = actor.create(rt);
        return {
          ...registry,
          inspect: () => {
            const snapshot = registry.inspect();
            const ghost = [...snapshot.workers.values()][0]!;
            return { ...snapshot, workers: new Map([...snapshot.workers, ['ghost', ghost]]) };
          },
        };
      },
    };
    const final = await checkAgainstSpec(targetOf(haunted), churn.cycle);
    expect(final).toMatchObject({ operation: 'final state: live workers', answered: '2', expected: '1' });
  });
});
