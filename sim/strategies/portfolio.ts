/**
 * A portfolio of strategies taking turns within each scenario. No single strategy dominates on
 * every bug (Thomson, Donaldson & Betts, "Concurrency Testing Using Controlled Schedulers: An
 * Empirical Study", TOPC 2016), so mixing a random walk, PCT, SURW and bounded DFS hedges between
 * them.
 *
 * Every scenario is begun by every member; then the members run in turn, round-robin, a slice of
 * `slice` schedules each, so one fixed scenario (`--scenario`, which hands out schedules until the
 * budget ends) is explored by all of them rather than by the first alone. A member drops out of
 * the rotation for the scenario when it has no more schedules for it (a sampler's
 * `schedulesPerScenario` reached, DFS's tree exhausted) or its own `budget` for the scenario is
 * spent; the scenario ends when every member has dropped out. Over generated scenarios (one
 * schedule per scenario for each sampler) each scenario thus gets one schedule from each sampler
 * and DFS's bounded search. Members keep their own cross-scenario state (PCT's step estimate).
 */
import type { Chooser } from '../scheduler/types.ts';
import type { ScheduleEnd, ScheduleStart, Strategy } from './types.ts';

/** A member with its share of the rotation. */
export interface PortfolioMember {
  readonly strategy: Strategy;
  /** Schedules per turn (default 1). */
  readonly slice?: number;
  /** Schedules per scenario after which the member drops out (default: no limit of its own). */
  readonly budget?: number;
}

export interface PortfolioStrategy extends Strategy {
  /** The member that drove the last schedule (to say which strategy found a bug). */
  current(): Strategy;
  readonly members: readonly Strategy[];
  /** Schedules each member ran for the current scenario, in member order. */
  schedules(): readonly number[];
}

const isMember = (entry: Strategy | PortfolioMember): entry is PortfolioMember => 'strategy' in entry;

export function createPortfolioStrategy(entries: readonly (Strategy | PortfolioMember)[]): PortfolioStrategy {
  if (entries.length === 0) throw new Error('portfolio: needs at least one member strategy');
  const members = entries.map((entry) => (isMember(entry) ? entry : { strategy: entry }));
  for (const { strategy, slice, budget } of members) {
    if (slice !== undefined && (!Number.isInteger(slice) || slice < 1))
      throw new Error(`portfolio: ${strategy.name}'s slice must be a positive integer (got ${slice})`);
    if (budget !== undefined && (!Number.isInteger(budget) || budget < 1))
      throw new Error(`portfolio: ${strategy.name}'s budget must be a positive integer (got ${budget})`);
  }
  const list = members.map((m) => m.strategy);
  const n = list.length;
  /** Per member, for the current scenario: still in the rotation, and schedules run. */
  let active: boolean[] = new Array<boolean>(n).fill(true);
  let used: number[] = new Array<number>(n).fill(0);
  /** The member whose turn it is, and schedules it ran in this turn. */
  let turn = 0;
  let inTurn = 0;
  /** The member that gave the last chooser. */
  let last = 0;

  const advance = () => {
    turn = (turn + 1) % n;
    inTurn = 0;
  };

  return {
    name: `portfolio(${list.map((m) => m.name).join(',')})`,
    members: list,
    beginScenario() {
      active = new Array<boolean>(n).fill(true);
      used = new Array<number>(n).fill(0);
      turn = 0;
      inTurn = 0;
      for (const member of list) member.beginScenario();
    },
    next(start: ScheduleStart): Chooser | undefined {
      // Each pass either hands out a chooser, ends a turn or drops a member: at most 2n passes
      // before every member has dropped out.
      while (active.some(Boolean)) {
        const { strategy, slice = 1, budget = Number.POSITIVE_INFINITY } = members[turn]!;
        if (!active[turn]) {
          advance();
          continue;
        }
        if (used[turn]! >= budget) {
          active[turn] = false;
          advance();
          continue;
        }
        if (inTurn >= slice) {
          advance();
          continue;
        }
        const chooser = strategy.next(start);
        if (chooser === undefined) {
          active[turn] = false;
          advance();
          continue;
        }
        used[turn]!++;
        inTurn++;
        last = turn;
        return chooser;
      }
      return undefined;
    },
    done: (end: ScheduleEnd) => list[last]!.done(end),
    current: () => list[last]!,
    schedules: () => used,
    describe: () => list.map((m) => `${m.name}: ${m.describe()}`).join('; '),
  };
}
