/**
 * Worker ids. SMG mints UUID v7 strings (`WorkerId::new()` and `Default`); regsim mints them
 * from a deterministic source so that ids, and so traces, replay exactly.
 */

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
