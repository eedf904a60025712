/**
 * A portfolio of strategies taking turns scenario by scenario: scenario i is explored by member
 * i mod n. No single strategy dominates on every bug (Thomson, Donaldson & Betts, "Concurrency
 * Testing Using Controlled Schedulers: An Empirical Study", TOPC 2016), so mixing a random walk,
 * PCT and bounded DFS hedges between them. Members keep their own cross-scenario state.
 */
import type { Chooser } from '../scheduler/types.ts';
import type { ScheduleEnd, ScheduleStart, Strategy } from './types.ts';

export interface PortfolioStrategy extends Strategy {
  /** The member driving the current scenario (to say which strategy found a bug). */
  current(): Strategy;
  readonly members: readonly Strategy[];
}

export function createPortfolioStrategy(members: readonly Strategy[]): PortfolioStrategy {
  if (members.length === 0) throw new Error('portfolio: needs at least one member strategy');
  const list = [...members];
  let scenario = -1;
  const current = () => list[Math.max(scenario, 0) % list.length]!;
  return {
    name: `portfolio(${list.map((m) => m.name).join(',')})`,
    members: list,
    beginScenario() {
      scenario++;
      current().beginScenario();
    },
    next: (start: ScheduleStart): Chooser | undefined => current().next(start),
    done: (end: ScheduleEnd) => current().done(end),
    current,
    describe: () => list.map((m) => `${m.name}: ${m.describe()}`).join('; '),
  };
}
