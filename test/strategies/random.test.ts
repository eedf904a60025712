import { describe, expect, it } from 'vitest';
import { createRandomStrategy } from '../../sim/strategies/random.ts';
import { candidates, explore, lostUpdate } from './harness.ts';

describe('random', () => {
  it('picks uniformly among the candidates', () => {
    const random = createRandomStrategy({ schedulesPerScenario: 1 });
    random.beginScenario();
    const chooser = random.next({ index: 0, seed: 5, tasks: 3 })!;
    const counts = [0, 0, 0];
    for (let step = 0; step < 3_000; step++)
      counts[chooser.choose(candidates([0, 1, 2]), { step, previous: -1 })]!++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
    expect(chooser.choose(candidates([2]), { step: 0, previous: 2 })).toBe(0);
  });

  it('gives the same choices for the same seed, others for other seeds', () => {
    const run = (seed: number) => {
      const random = createRandomStrategy();
      random.beginScenario();
      const chooser = random.next({ index: 0, seed, tasks: 4 })!;
      return Array.from({ length: 40 }, (_, step) =>
        chooser.choose(candidates([0, 1, 2, 3]), { step, previous: -1 }),
      );
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('gives schedulesPerScenario choosers per scenario', () => {
    const random = createRandomStrategy({ schedulesPerScenario: 3 });
    random.beginScenario();
    const got = [0, 1, 2, 3].map((index) => random.next({ index, seed: index, tasks: 2 }));
    expect(got.map((c) => c !== undefined)).toEqual([true, true, true, false]);
    random.beginScenario();
    expect(random.next({ index: 4, seed: 4, tasks: 2 })).toBeDefined();
    expect(random.describe()).toBe('4 random schedules');
    expect(() => createRandomStrategy({ schedulesPerScenario: 0 })).toThrow(/schedulesPerScenario/);
  });

  it('finds the lost update on the scheduler within a few hundred schedules', async () => {
    const lost = (r: { counter: number | undefined }) => r.counter === 1;
    for (const seed of [1, 2, 3]) {
      const runs = await explore(createRandomStrategy({ schedulesPerScenario: 300 }), lostUpdate, {
        seed,
        until: lost,
      });
      expect(runs.some(lost)).toBe(true);
    }
  });

  it('is reproducible through the scheduler', async () => {
    const traces = async () =>
      (await explore(createRandomStrategy({ schedulesPerScenario: 20 }), lostUpdate, { seed: 4 })).map((r) =>
        r.trace.join(' '),
      );
    const first = await traces();
    expect(await traces()).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
  });
});
