/**
 * The shell shared by the memoryless sampling strategies (random walk, POS): a fixed number of
 * schedules per scenario, each driven by a fresh chooser over `createPrng(start.seed)`, so every
 * schedule replays from its seed alone.
 */
import { createPrng, type Prng } from '../../src/determinism/prng.ts';
import type { Chooser } from '../scheduler/types.ts';
import type { ScheduleStart, Strategy } from './types.ts';

export interface SamplingOptions {
  /** Schedules to run per scenario before `next()` answers undefined. */
  readonly schedulesPerScenario?: number;
}

/** `name` in reports and errors, `noun` in `describe()` ("3 random schedules"). */
export function createSamplingStrategy(
  name: string,
  noun: string,
  options: SamplingOptions,
  chooser: (prng: Prng) => Chooser,
): Strategy {
  const perScenario = options.schedulesPerScenario ?? 1;
  if (!Number.isInteger(perScenario) || perScenario < 1)
    throw new Error(`${name}: schedulesPerScenario must be a positive integer (got ${perScenario})`);
  let inScenario = 0;
  let total = 0;
  return {
    name,
    beginScenario() {
      inScenario = 0;
    },
    next(start: ScheduleStart): Chooser | undefined {
      if (inScenario >= perScenario) return undefined;
      inScenario++;
      total++;
      return chooser(createPrng(start.seed));
    },
    done() {},
    describe() {
      return `${total} ${noun} schedule${total === 1 ? '' : 's'}`;
    },
  };
}
