/**
 * Uniform random walk: at every step, any runnable task with equal probability (Shuttle's
 * `RandomScheduler`; see also Thomson, Donaldson & Betts, "Concurrency Testing Using Controlled
 * Schedulers: An Empirical Study", TOPC 2016, where this naive walk is a strong baseline).
 * Each schedule draws from `createPrng(start.seed)`, so a schedule replays from its seed.
 */
import { createPrng } from '../../src/determinism/prng.ts';
import type { Candidate, Chooser } from '../scheduler/types.ts';
import type { ScheduleStart, Strategy } from './types.ts';

export interface RandomOptions {
  /** Schedules to run per scenario before `next()` answers undefined. */
  readonly schedulesPerScenario?: number;
}

export function createRandomStrategy(options: RandomOptions = {}): Strategy {
  const perScenario = options.schedulesPerScenario ?? 1;
  if (!Number.isInteger(perScenario) || perScenario < 1)
    throw new Error(`random: schedulesPerScenario must be a positive integer (got ${perScenario})`);
  let inScenario = 0;
  let total = 0;
  return {
    name: 'random',
    beginScenario() {
      inScenario = 0;
    },
    next(start: ScheduleStart): Chooser | undefined {
      if (inScenario >= perScenario) return undefined;
      inScenario++;
      total++;
      const prng = createPrng(start.seed);
      return {
        choose(candidates: readonly Candidate[]) {
          return prng.below(candidates.length);
        },
      };
    },
    done() {},
    describe() {
      return `${total} random schedule${total === 1 ? '' : 's'}`;
    },
  };
}
