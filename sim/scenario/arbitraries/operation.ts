/**
 * One client operation, generated as indexes into the scenario's universe and worker pool and
 * resolved when the scenario is built. Indexes (not chained values) keep every part shrinkable
 * on its own: towards the first URL, model, worker and id, and towards `register`, the first
 * branch. Every kind the implementation offers is generated, and none it lacks.
 */
import fc from 'fast-check';
import {
  CONNECTION_MODES,
  type ConnectionMode,
  WORKER_TYPES,
  type WorkerType,
} from '../../../src/domain/worker.ts';
import type { OperationKind } from '../../../src/spec/operations.ts';

/** An operation before resolution: every reference an index, reduced modulo the universe's sizes. */
export type RawOp =
  | { readonly op: 'register' | 'registerOrReplace' | 'createWorker'; readonly worker: number }
  | { readonly op: 'replace'; readonly id: number; readonly worker: number }
  | { readonly op: 'remove' | 'get'; readonly id: number }
  | { readonly op: 'removeByUrl' | 'getByUrl' | 'reserve' | 'releaseReservation'; readonly url: number }
  | { readonly op: 'getByModel'; readonly model: number }
  | { readonly op: 'getByType'; readonly type: WorkerType }
  | { readonly op: 'getByConnection'; readonly mode: ConnectionMode }
  | { readonly op: 'ringLookup'; readonly model: number; readonly key: number };

const index = fc.nat({ max: 3 });

export function rawOperationArbitrary(kinds: ReadonlySet<OperationKind>): fc.Arbitrary<RawOp> {
  const choices: fc.WeightedArbitrary<RawOp>[] = [];
  const add = (kind: OperationKind, weight: number, arbitrary: fc.Arbitrary<RawOp>) => {
    if (kinds.has(kind)) choices.push({ weight, arbitrary });
  };
  add(
    'register',
    4,
    index.map((worker) => ({ op: 'register', worker })),
  );
  add(
    'getByUrl',
    2,
    index.map((url) => ({ op: 'getByUrl', url })),
  );
  add(
    'registerOrReplace',
    3,
    index.map((worker) => ({ op: 'registerOrReplace', worker })),
  );
  add(
    'replace',
    3,
    fc.record({ id: index, worker: index }).map(({ id, worker }) => ({ op: 'replace', id, worker })),
  );
  add(
    'remove',
    2,
    index.map((id) => ({ op: 'remove', id })),
  );
  add(
    'removeByUrl',
    2,
    index.map((url) => ({ op: 'removeByUrl', url })),
  );
  // The create-worker flow of spec §4: reserve, then registerOrReplace.
  if (kinds.has('reserve'))
    add(
      'registerOrReplace',
      2,
      index.map((worker) => ({ op: 'createWorker', worker })),
    );
  add(
    'getByModel',
    2,
    index.map((model) => ({ op: 'getByModel', model })),
  );
  add(
    'getByType',
    1,
    fc.constantFrom(...WORKER_TYPES).map((type) => ({ op: 'getByType', type })),
  );
  add(
    'getByConnection',
    1,
    fc.constantFrom(...CONNECTION_MODES).map((mode) => ({ op: 'getByConnection', mode })),
  );
  add(
    'ringLookup',
    1,
    fc
      .record({ model: index, key: fc.nat({ max: 1 }) })
      .map(({ model, key }) => ({ op: 'ringLookup', model, key })),
  );
  // Bare reservations and their release (#2572), and `get` by id: every operation is drawn.
  add(
    'reserve',
    1,
    index.map((url) => ({ op: 'reserve', url })),
  );
  add(
    'releaseReservation',
    1,
    index.map((url) => ({ op: 'releaseReservation', url })),
  );
  add(
    'get',
    1,
    index.map((id) => ({ op: 'get', id })),
  );
  return fc.oneof(...choices);
}
