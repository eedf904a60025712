import { describe, expect, it } from 'vitest';
import type { Chooser } from '../../sim/scheduler/types.ts';
import { createDfsStrategy } from '../../sim/strategies/dfs.ts';
import { createPctStrategy } from '../../sim/strategies/pct.ts';
import { createPortfolioStrategy } from '../../sim/strategies/portfolio.ts';
import { createRandomStrategy } from '../../sim/strategies/random.ts';
import type { ScheduleEnd, ScheduleStart, Strategy } from '../../sim/strategies/types.ts';
import { explore, lostUpdate } from './harness.ts';

/** A member that logs what it is told. */
function spy(name: string, log: string[]): Strategy {
  let given = false;
  return {
    name,
    beginScenario: () => {
      given = false;
      log.push(`${name}.begin`);
    },
    next: (start: ScheduleStart): Chooser | undefined => {
      log.push(`${name}.next(${start.index})`);
      if (given) return undefined;
      given = true;
      return { choose: () => 0 };
    },
    done: (end: ScheduleEnd) => log.push(`${name}.done(${end.steps})`),
    describe: () => `${name} ok`,
  };
}

describe('portfolio', () => {
  it('rotates its members scenario by scenario', () => {
    const log: string[] = [];
    const portfolio = createPortfolioStrategy([spy('a', log), spy('b', log), spy('c', log)]);
    expect(portfolio.name).toBe('portfolio(a,b,c)');
    const current: string[] = [];
    for (let scenario = 0; scenario < 4; scenario++) {
      portfolio.beginScenario();
      current.push(portfolio.current().name);
      for (let i = 0; portfolio.next({ index: i, seed: i, tasks: 1 }) !== undefined; i++)
        portfolio.done({ steps: i + 7 });
    }
    expect(current).toEqual(['a', 'b', 'c', 'a']);
    expect(log).toEqual([
      'a.begin',
      'a.next(0)',
      'a.done(7)',
      'a.next(1)',
      'b.begin',
      'b.next(0)',
      'b.done(7)',
      'b.next(1)',
      'c.begin',
      'c.next(0)',
      'c.done(7)',
      'c.next(1)',
      'a.begin',
      'a.next(0)',
      'a.done(7)',
      'a.next(1)',
    ]);
    expect(portfolio.describe()).toBe('a: a ok; b: b ok; c: c ok');
    expect(() => createPortfolioStrategy([])).toThrow(/at least one/);
  });

  it('runs real strategies in turn and says which one drove a scenario', async () => {
    const dfs = createDfsStrategy({ maxPreemptions: 1 });
    const portfolio = createPortfolioStrategy([
      createRandomStrategy({ schedulesPerScenario: 5 }),
      createPctStrategy({ depth: 2, schedulesPerScenario: 5 }),
      dfs,
    ]);
    expect(portfolio.name).toBe('portfolio(random,pct(2),dfs)');
    const sizes: number[] = [];
    const drivers: string[] = [];
    for (let scenario = 0; scenario < 3; scenario++) {
      sizes.push((await explore(portfolio, lostUpdate, { seed: scenario })).length);
      drivers.push(portfolio.current().name);
    }
    expect(drivers).toEqual(['random', 'pct(2)', 'dfs']);
    expect(sizes.slice(0, 2)).toEqual([5, 5]);
    expect(dfs.completedBound()).toBe(1);
    expect(portfolio.describe()).toMatch(
      /^random: 5 random schedules; pct\(2\): 5 schedules.*; dfs: all schedules with ≤ 1/,
    );
  });
});
