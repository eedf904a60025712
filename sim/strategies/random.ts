/**
 * Uniform random walk: at every step, any runnable task with equal probability (Shuttle's
 * `RandomScheduler`; see also Thomson, Donaldson & Betts, "Concurrency Testing Using Controlled
 * Schedulers: An Empirical Study", TOPC 2016, where this naive walk is a strong baseline).
 * Each schedule draws from `createPrng(start.seed)`, so a schedule replays from its seed.
 */
import type { Candidate } from '../scheduler/types.ts';
import { createSamplingStrategy, type SamplingOptions } from './sampling.ts';
import type { Strategy } from './types.ts';

export type RandomOptions = SamplingOptions;

export function createRandomStrategy(options: RandomOptions = {}): Strategy {
  return createSamplingStrategy('random', 'random', options, (prng) => ({
    choose(candidates: readonly Candidate[]) {
      return prng.below(candidates.length);
    },
  }));
}
