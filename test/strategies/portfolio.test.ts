import { describe, expect, it } from 'vitest';
import type { Chooser } from '../../sim/scheduler/types.ts';
import { createStrategy, UNBOUNDED_PER_SCENARIO } from '../../sim/strategies/create.ts';
import { createDfsStrategy } from '../../sim/strategies/dfs.ts';
import { createPctStrategy } from '../../sim/strategies/pct.ts';
import { createPortfolioStrategy } from '../../sim/strategies/portfolio.ts';
import { createRandomStrategy } from '../../sim/strategies/random.ts';
import { createSurwStrategy } from '../../sim/strategies/surw.ts';
import type { ScheduleEnd, ScheduleStart, Strategy } from '../../sim/strategies/types.ts';
import { explore, lostUpdate } from './harness.ts';

/** A member that logs what it is told and has `per` schedules per scenario. */
function spy(name: string, log: string[], per = Number.POSITIVE_INFINITY): Strategy {
  let given = 0;
  return {
    name,
    beginScenario: () => {
      given = 0;
      log.push(`${name}.begin`);
    },
    next: (start: ScheduleStart): Chooser | undefined => {
      if (given >= per) {
        log.push(`${name}.none`);
        return undefined;
      }
      given++;
      log.push(`${name}.next(${start.index})`);
      return { choose: () => 0 };
    },
    done: (end: ScheduleEnd) => log.push(`${name}.done(${end.steps})`),
    describe: () => `${name} ok`,
  };
}

/** Drives `portfolio` over one scenario for at most `limit` schedules; the member of each. */
function drive(portfolio: ReturnType<typeof createPortfolioStrategy>, limit: number): string[] {
  const drivers: string[] = [];
  portfolio.beginScenario();
  for (let i = 0; i < limit && portfolio.next({ index: i, seed: i, tasks: 1 }) !== undefined; i++) {
    drivers.push(portfolio.current().name);
    portfolio.done({ steps: i });
  }
  return drivers;
}

describe('portfolio', () => {
  it('begins every member, then rotates them within one scenario, telling the driver how it went', () => {
    const log: string[] = [];
    const portfolio = createPortfolioStrategy([spy('a', log), spy('b', log), spy('c', log)]);
    expect(portfolio.name).toBe('portfolio(a,b,c)');
    expect(drive(portfolio, 5)).toEqual(['a', 'b', 'c', 'a', 'b']);
    expect(log).toEqual([
      'a.begin',
      'b.begin',
      'c.begin',
      'a.next(0)',
      'a.done(0)',
      'b.next(1)',
      'b.done(1)',
      'c.next(2)',
      'c.done(2)',
      'a.next(3)',
      'a.done(3)',
      'b.next(4)',
      'b.done(4)',
    ]);
    expect(portfolio.schedules()).toEqual([2, 2, 1]);
    expect(portfolio.describe()).toBe('a: a ok; b: b ok; c: c ok');
    expect(() => createPortfolioStrategy([])).toThrow(/at least one/);
  });

  it('gives each member its slice per turn and drops it once its budget is spent', () => {
    const log: string[] = [];
    const portfolio = createPortfolioStrategy([
      { strategy: spy('a', log), slice: 3 },
      { strategy: spy('b', log), budget: 2 },
    ]);
    expect(drive(portfolio, 12).join('')).toBe('aaabaaabaaaa');
    expect(portfolio.schedules()).toEqual([10, 2]);
    // A new scenario restores every member's budget.
    expect(drive(portfolio, 5).join('')).toBe('aaaba');
    expect(() => createPortfolioStrategy([{ strategy: spy('a', log), slice: 0 }])).toThrow(/slice/);
    expect(() => createPortfolioStrategy([{ strategy: spy('a', log), budget: 1.5 }])).toThrow(/budget/);
  });

  it('drops a member that runs out of schedules for the scenario, and ends when all have', () => {
    const log: string[] = [];
    const portfolio = createPortfolioStrategy([spy('a', log, 1), spy('b', log, 3), spy('c', log, 2)]);
    expect(drive(portfolio, 100).join('')).toBe('abcbcb');
    expect(log.filter((e) => e.endsWith('.none'))).toEqual(['a.none', 'c.none', 'b.none']);
    // The next scenario starts them all again.
    expect(drive(portfolio, 100).join('')).toBe('abcbcb');
  });

  it('runs every member on one fixed scenario and drops DFS once its tree is exhausted', async () => {
    const dfs = createDfsStrategy();
    const surw = createSurwStrategy({ schedulesPerScenario: 1_000 });
    const portfolio = createPortfolioStrategy([
      createRandomStrategy({ schedulesPerScenario: 1_000 }),
      createPctStrategy({ depth: 2, schedulesPerScenario: 1_000 }),
      surw,
      dfs,
    ]);
    const runs = await explore(portfolio, lostUpdate, { seed: 1, limit: 60 });
    expect(runs).toHaveLength(60);
    // Two tasks of two steps: the whole tree is 6 schedules, run on DFS's turns (every fourth).
    expect(dfs.exhausted()).toBe(true);
    expect(dfs.schedules()).toBe(6);
    const [random, pct, surwRan, dfsRan] = portfolio.schedules();
    expect(dfsRan).toBe(6);
    expect(random! + pct! + surwRan!).toBe(54);
    expect(Math.min(random!, pct!, surwRan!)).toBeGreaterThanOrEqual(17);
    // SURW profiled the scenario from its own first run: both tasks touch the counter twice.
    expect(surw.shared().map((e) => e.counts.join(','))).toEqual(['2,2']);
    // Both outcomes of the race show up.
    expect(new Set(runs.map((r) => r.counter))).toEqual(new Set([1, 2]));
  });

  it('over generated scenarios, explores each with every member; members keep their cross-scenario state', async () => {
    const pct = createPctStrategy({ depth: 2 });
    const dfs = createDfsStrategy({ maxPreemptions: 1 });
    const portfolio = createPortfolioStrategy([createRandomStrategy(), pct, dfs]);
    const sizes: number[] = [];
    for (let scenario = 0; scenario < 3; scenario++)
      sizes.push((await explore(portfolio, lostUpdate, { seed: scenario })).length);
    // One random schedule, one PCT schedule and DFS's 4 with ≤ 1 preemption, per scenario.
    expect(sizes).toEqual([6, 6, 6]);
    expect(pct.observed().steps).toBe(4);
    expect(portfolio.describe()).toMatch(
      /^random: 3 random schedules; pct\(2\): 3 schedules.*; dfs: all schedules with ≤ 1 preemption checked \(4 schedules\)$/,
    );
  });

  it('is built with SURW and a full DFS for one fixed scenario, as before for generated ones', () => {
    const spec = { name: 'portfolio', depth: 3 } as const;
    expect(createStrategy(spec).name).toBe('portfolio(random,pct(3),dfs)');
    expect(createStrategy(spec, UNBOUNDED_PER_SCENARIO).name).toBe('portfolio(random,pct(3),surw,dfs)');
  });
});
