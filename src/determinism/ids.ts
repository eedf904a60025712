/**
 * Worker ids. SMG mints UUID v7 strings (`WorkerId::new()` and `Default`); regsim mints them
 * from a deterministic source so that ids, and so traces, replay exactly.
 */
import { createPrng } from './prng.ts';

/** `WorkerId`: equality and hashing by the string (spec §1.1). */
export type WorkerId = string;

/** Where a registry gets fresh ids from. The simulator gives each run its own source. */
export interface IdSource {
  next(): WorkerId;
}

/** Readable sequential ids (`id1`, `id2`, …), used by the simulator so tables stay legible. */
export function createSequentialIds(prefix = 'id'): IdSource {
  let n = 0;
  return {
    next() {
      return `${prefix}${++n}`;
    },
  };
}

/** UUID-v7-shaped ids from a seeded PRNG and a logical millisecond counter, for production mode. */
export function createUuidLikeIds(seed: number): IdSource {
  const prng = createPrng(seed);
  let ms = 0;
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  return {
    next: () => {
      ms += 1;
      const r = () => prng.nextU32();
      return (
        `${hex(Math.floor(ms / 0x10000), 8)}-${hex(ms & 0xffff, 4)}-7${hex(r() & 0xfff, 3)}-` +
        `${hex(0x8000 | (r() & 0x3fff), 4)}-${hex(r() & 0xffff, 4)}${hex(r(), 8)}`
      );
    },
  };
}
