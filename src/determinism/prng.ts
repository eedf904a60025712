/**
 * A small seeded PRNG (splitmix32). Every random choice in regsim goes through one of these so
 * that a run replays exactly from its seed.
 */
import { highWord, mix32 } from './wideSeed.ts';

export interface Prng {
  /** A uniform 32-bit unsigned integer. */
  nextU32(): number;
  /** A uniform integer in [0, n). */
  below(n: number): number;
  /** A uniform float in [0, 1). */
  nextFloat(): number;
}

/**
 * Creates a PRNG from a seed (an integer up to 2^53 − 1); equal seeds give equal sequences. The
 * state has 32 bits, so a seed's high word is folded into it.
 */
export function createPrng(seed: number): Prng {
  return new SplitMix32(seed);
}

// A class rather than closures: the simulator makes one per schedule.
class SplitMix32 implements Prng {
  private state: number;

  constructor(seed: number) {
    const high = highWord(seed);
    this.state = (high === 0 ? seed : seed ^ mix32(high)) >>> 0;
  }

  nextU32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }

  below(n: number): number {
    return Math.floor((this.nextU32() / 0x1_0000_0000) * n);
  }

  nextFloat(): number {
    return this.nextU32() / 0x1_0000_0000;
  }
}
