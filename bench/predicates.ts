/**
 * Root-cause predicates over one run's observation (`instrument.ts`): a named invariant plus a
 * pattern on the violation's message, and where that is not enough the run's history or its
 * executed steps, so that each tells its root cause apart from the others the same scenario can
 * show. The catalogue (`findings.ts`) gives each finding one.
 */
import type { OperationRecord } from '../sim/scenario/execute.ts';
import type { InvariantId } from '../src/invariants/index.ts';
import type { Observation } from './instrument.ts';

export type Predicate = (o: Observation) => boolean;

/** Some violation of `invariant` whose message matches `message`. */
export function breaks(invariant: InvariantId, message?: RegExp): Predicate {
  return (o) =>
    o.violations.some((v) => v.invariant === invariant && (message === undefined || message.test(v.message)));
}

export const anyOf =
  (...predicates: Predicate[]): Predicate =>
  (o) =>
    predicates.some((p) => p(o));

export const allOf =
  (...predicates: Predicate[]): Predicate =>
  (o) =>
    predicates.every((p) => p(o));

/** Some executed step's label matches `label`. */
export const stepped =
  (label: RegExp): Predicate =>
  (o) =>
    o.steps.some((s) => label.test(s));

/** The `registerOrReplace` calls of the run that returned an id, with that id. */
function upsertIds(o: Observation): { record: OperationRecord; id: string }[] {
  return o.history.flatMap((record) =>
    record.op.kind === 'registerOrReplace' && typeof record.result === 'string'
      ? [{ record, id: record.result }]
      : [],
  );
}

/**
 * R0's fabricated-id branch, as the detection benchmark has always measured it: a
 * `registerOrReplace` returned an id that was never stored in `workers` (`WorkerId::new()` in
 * R0's "should never happen" path).
 */
export const r0Fabricated: Predicate = (o) => upsertIds(o).some(({ id }) => !o.stored.has(id));

/**
 * C5, the `unwrap_or_default` fallback: a `registerOrReplace` returned an id that no map ever
 * held — never stored in `workers` and never mapped by `url_to_id` (so neither a reservation nor
 * a registration in flight).
 */
export const fabricated: Predicate = (o) =>
  upsertIds(o).some(({ id }) => !o.stored.has(id) && !o.mapped.has(id));

/**
 * C4, §8 item 3: a `registerOrReplace` returned an id under which a worker was stored, but never
 * its own worker (its `replace` failed and the id was returned anyway), and the history is not
 * linearizable.
 */
export const staleUpsertId: Predicate = allOf(breaks('linearizable'), (o) =>
  upsertIds(o).some(({ record, id }) => {
    const labels = o.stored.get(id);
    return (
      labels !== undefined && record.op.kind === 'registerOrReplace' && !labels.has(record.op.worker.label)
    );
  }),
);

/** The ids the run's `remove` calls were asked to remove. */
const removedIds = (o: Observation) =>
  new Set(o.history.flatMap((r) => (r.op.kind === 'remove' ? [r.op.id] : [])));

/**
 * B2: `remove`'s by-URL cleanup scrubbed a registration of the same URL under a *fresh* id (not
 * the one removed) out of `model_index`.
 */
export const scrubbedFreshRegistration: Predicate = (o) => {
  const removed = removedIds(o);
  return o.violations.some((v) => {
    if (v.invariant !== 'model-index') return false;
    const id = /\((id\d+)\) serves \S+ but is missing from model_index/.exec(v.message)?.[1];
    return id !== undefined && !removed.has(id);
  });
};

/**
 * B1's fresh-mutex variant: the register took a fresh mutex for the id being removed and indexed
 * its worker under that id, and `remove`'s cleanup then took the id out of `type_workers`.
 */
export const freshMutexScrub: Predicate = (o) => {
  const removed = removedIds(o);
  return o.violations.some((v) => {
    if (v.invariant !== 'type-index') return false;
    const id = /^(id\d+) \(\S+, \S+\) is missing from type_workers/.exec(v.message)?.[1];
    return id !== undefined && removed.has(id);
  });
};
