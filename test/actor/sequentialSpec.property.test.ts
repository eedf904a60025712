/**
 * On generated sequential histories (2–3 URLs, 2–3 models), every result of `actor` equals the
 * split-API sequential specification's, with ids minted from the same sequence, and the final
 * state matches the specification's with every index exact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { performOperation } from '../../sim/scenario/operations.ts';
import { actor } from '../../src/actor/implementation.ts';
import { createSequentialIds, type WorkerId } from '../../src/determinism/ids.ts';
import { CONNECTION_MODES, createWorker, WORKER_TYPES, type Worker } from '../../src/domain/worker.ts';
import { checkHashRings } from '../../src/invariants/hashRing.ts';
import { checkConnectionIndex, checkTypeIndex } from '../../src/invariants/idLists.ts';
import { checkModelIndex } from '../../src/invariants/modelIndex.ts';
import { checkUrlUnique } from '../../src/invariants/urlUnique.ts';
import { createProductionRuntime } from '../../src/memory/runtime.ts';
import type { Operation } from '../../src/spec/operations.ts';
import { applyOperation, EMPTY_SPEC_STATE, type SpecState } from '../../src/spec/sequentialSpec.ts';

const URLS = ['U1', 'U2', 'U3'];
const MODELS = ['a', 'b', 'c'];

const spec = fc.record({
  url: fc.constantFrom(...URLS),
  models: fc.subarray(MODELS),
  type: fc.constantFrom(...WORKER_TYPES),
  mode: fc.constantFrom(...CONNECTION_MODES),
});

/** An operation whose id, if any, is chosen among the ids handed out so far (or one never handed out). */
type Planned = (ids: readonly WorkerId[], label: string) => Operation;

const idFrom = (ref: number, ids: readonly WorkerId[]): WorkerId =>
  ref < ids.length ? ids[ref]! : 'never-minted';

const planned: fc.Arbitrary<Planned> = fc.oneof(
  spec.map(
    (s): Planned =>
      (_ids, label) => ({ kind: 'register', worker: createWorker(label, s) }),
  ),
  spec.map(
    (s): Planned =>
      (_ids, label) => ({ kind: 'registerOrReplace', worker: createWorker(label, s) }),
  ),
  fc.tuple(fc.nat(4), spec).map(
    ([ref, s]): Planned =>
      (ids, label) => ({ kind: 'replace', id: idFrom(ref, ids), worker: createWorker(label, s) }),
  ),
  fc.nat(4).map(
    (ref): Planned =>
      (ids) => ({ kind: 'remove', id: idFrom(ref, ids) }),
  ),
  fc.nat(4).map(
    (ref): Planned =>
      (ids) => ({ kind: 'get', id: idFrom(ref, ids) }),
  ),
  fc
    .tuple(
      fc.constantFrom('removeByUrl', 'reserve', 'releaseReservation', 'getByUrl'),
      fc.constantFrom(...URLS),
    )
    .map(
      ([kind, url]): Planned =>
        () => ({ kind, url }),
    ),
  fc.constantFrom(...MODELS).map(
    (model): Planned =>
      () => ({ kind: 'getByModel', model }),
  ),
  fc.constantFrom(...WORKER_TYPES).map(
    (type): Planned =>
      () => ({ kind: 'getByType', type }),
  ),
  fc.constantFrom(...CONNECTION_MODES).map(
    (mode): Planned =>
      () => ({ kind: 'getByConnection', mode }),
  ),
  fc.tuple(fc.constantFrom(...MODELS), fc.constantFrom('k1', 'k2', 'k3')).map(
    ([model, key]): Planned =>
      () => ({ kind: 'ringLookup', model, key }),
  ),
);

/** The specification's state as the registry's snapshot shows it. */
function specView(state: SpecState): { workers: Record<string, string>; urlToId: Record<string, string> } {
  return {
    workers: Object.fromEntries([...state.workers].map(([id, w]) => [id, w.label])),
    urlToId: Object.fromEntries(state.urlToId),
  };
}

describe('actor against the sequential specification (split)', () => {
  it('answers every operation as the specification does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(planned, { minLength: 1, maxLength: 30 }), async (plan) => {
        const registry = actor.create(createProductionRuntime(createSequentialIds()));
        const specIds = createSequentialIds();
        let state: SpecState = EMPTY_SPEC_STATE;
        const handedOut: WorkerId[] = [];
        for (const [i, make] of plan.entries()) {
          const op = make(handedOut, `W${i}`);
          const expected = applyOperation('split', state, op, () => specIds.next());
          const actual = await performOperation(registry, op);
          expect({ step: i, op: op.kind, result: actual }).toEqual({
            step: i,
            op: op.kind,
            result: expected.result,
          });
          state = expected.state;
          if (typeof actual === 'string' && !handedOut.includes(actual) && /^id\d+$/.test(actual))
            handedOut.push(actual);
        }
        const snapshot = registry.inspect();
        expect({
          workers: Object.fromEntries(
            [...snapshot.workers].map(([id, w]: [string, Worker]) => [id, w.label]),
          ),
          urlToId: Object.fromEntries(snapshot.urlToId),
        }).toEqual(specView(state));
        for (const check of [
          checkUrlUnique,
          checkModelIndex,
          checkHashRings,
          checkTypeIndex,
          checkConnectionIndex,
        ]) {
          expect(check(snapshot)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
