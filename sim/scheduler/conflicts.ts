/**
 * Which steps commute: the conflict relation over the accesses steps make (`Runtime.step`'s
 * target, operation and key). POS resets priorities on it, RFF's reads-from pairs follow it, and a
 * counterexample's racing pairs are drawn from it; SURW counts the steps on entries two tasks touch
 * (`touchesSameEntry`).
 */
import type { Access } from './types.ts';

/**
 * Operations that only read their target. A conservative list: an operation not named here
 * counts as a write, so a missing name only costs extra resets, never a missed conflict. From
 * `SharedMap` (`get`, `contains_key`, `iter`, `len`) and the actor registry's `SharedIndex` (its
 * one-step reads).
 */
const READS: ReadonlySet<string> = new Set([
  'get',
  'contains_key',
  'iter',
  'len',
  'ring_lookup',
  'lookup_id',
  'get_by_url',
  'get_by_model',
  'get_by_type',
  'get_by_connection',
]);

/**
 * Operations that touch their whole target whatever key they name. `SharedIndex.commit` is keyed
 * by URL for the trace, but it rewrites model slices, rings and lists that other URLs share, and
 * the index's reads are keyed by id, model, type or mode, so only "everything" is safe.
 */
const WHOLE_TARGET: ReadonlySet<string> = new Set(['commit']);

/**
 * Operations that also write another target, for the same key, under their own target's guard:
 * `rebuild_hash_ring` up to V1113 (`model_index.get+rebuild_hash_ring(m)`) reads the slice and
 * writes `hash_rings[m]` in one step. Not being a read, it also counts as a write of its own target.
 */
const WRITES_UNDER_GUARD: ReadonlyMap<string, string> = new Map([['get+rebuild_hash_ring', 'hash_rings']]);

/** The other target a step writes under its own target's guard (`hash_rings` for a ring rebuild), if any. */
export function guardedTarget(a: Access): string | undefined {
  return a.op === undefined ? undefined : WRITES_UNDER_GUARD.get(a.op);
}

const isWildcard = (key: unknown) => key === '' || key === '*';

/** Whether a step may write what it touches: any access whose operation is not a known read. */
export function isWrite(a: Access): boolean {
  return a.target !== undefined && a.op !== undefined && !READS.has(a.op);
}

/** Whether a step touches its whole target: a wildcard key (`iter`, `len`, a mutex's `lock`) or an operation such as `commit`. */
export function touchesWholeTarget(a: Access): boolean {
  return isWildcard(a.key) || (a.op !== undefined && WHOLE_TARGET.has(a.op));
}

/** Whether two accesses of one target may touch the same entry. */
const sameEntry = (a: Access, b: Access) =>
  isWildcard(a.key) ||
  isWildcard(b.key) ||
  WHOLE_TARGET.has(a.op!) ||
  WHOLE_TARGET.has(b.op!) ||
  String(a.key) === String(b.key);

/**
 * Whether two accesses may touch the same entry, reading or writing: the same key of one target,
 * or either is a whole-target call (`iter`, `len`, a mutex's `lock`, the index's `commit`), or one
 * writes the other's target under its own guard. A step without an access touches nothing.
 * SURW's profile counts the steps on entries that two tasks touch.
 */
export function touchesSameEntry(a: Access, b: Access): boolean {
  if (a.target === undefined || b.target === undefined || a.op === undefined || b.op === undefined)
    return false;
  if (a.target === b.target) return sameEntry(a, b);
  return (
    (WRITES_UNDER_GUARD.get(a.op) === b.target || WRITES_UNDER_GUARD.get(b.op) === a.target) &&
    sameEntry(a, b)
  );
}

/**
 * Whether two pending steps conflict (do not commute): both touch the same entry of a target
 * (the same key, or either is a whole-target call such as `iter`, `len` or a mutex's `lock`) and
 * at least one writes it. A step without an access (a task resuming after a suspension)
 * conflicts with nothing.
 */
export function conflicts(a: Access, b: Access): boolean {
  if (conflictsDirectly(a, b)) return true;
  if (a.nested === undefined && b.nested === undefined) return false;
  // A step's nested accesses (a map read inside another map's guard) conflict as steps of their own.
  for (const x of [a, ...(a.nested ?? [])])
    for (const y of [b, ...(b.nested ?? [])])
      if ((x !== a || y !== b) && conflictsDirectly(x, y)) return true;
  return false;
}

function conflictsDirectly(a: Access, b: Access): boolean {
  // A write under guard is not a read, so across targets the read test never excludes a pair.
  return touchesSameEntry(a, b) && !(READS.has(a.op!) && READS.has(b.op!));
}
