/** The sequential specification (`src/spec/sequentialSpec.ts`): the oracle for linearizability. */
import { describe, expect, it } from 'vitest';
import { createSequentialIds, type WorkerId } from '../../src/determinism/ids.ts';
import { HashRing } from '../../src/domain/hashRing.ts';
import { createWorker } from '../../src/domain/worker.ts';
import type { Operation, OpResult } from '../../src/spec/operations.ts';
import {
  applyOperation,
  EMPTY_SPEC_STATE,
  type SpecState,
  type SpecVariant,
  specStateKey,
  specStep,
} from '../../src/spec/sequentialSpec.ts';

const UA = 'http://a:8000';
const UB = 'http://b:8000';
const UC = 'http://c:8000';
const A = createWorker('A', { url: UA, models: ['m1'] });
/** A successor of A at the same URL. */
const A2 = createWorker('A2', { url: UA, models: ['m2'] });
const B = createWorker('B', { url: UB, models: ['m1'], type: 'Prefill' });
const C = createWorker('C', { url: UC, models: ['m1', 'm2'], type: 'Decode', mode: 'Grpc' });

const register = (worker = A): Operation => ({ kind: 'register', worker });
const registerOrReplace = (worker = A): Operation => ({ kind: 'registerOrReplace', worker });
const replace = (id: WorkerId, worker = A): Operation => ({ kind: 'replace', id, worker });
const remove = (id: WorkerId): Operation => ({ kind: 'remove', id });
const removeByUrl = (url = UA): Operation => ({ kind: 'removeByUrl', url });
const reserve = (url = UA): Operation => ({ kind: 'reserve', url });
const release = (url = UA): Operation => ({ kind: 'releaseReservation', url });

const noMint = (): WorkerId => {
  throw new Error('minted an id');
};

/** Applies `ops` in order from `state`, minting `id1`, `id2`, …; the final state and every result. */
function run(variant: SpecVariant, ops: readonly Operation[], state: SpecState = EMPTY_SPEC_STATE) {
  const ids = createSequentialIds();
  const results: OpResult[] = [];
  for (const op of ops) {
    const outcome = applyOperation(variant, state, op, ids.next);
    state = outcome.state;
    results.push(outcome.result);
  }
  return { state, results };
}

/** One more operation on `state`, which must not mint an id. */
const applyNoMint = (variant: SpecVariant, state: SpecState, op: Operation) =>
  applyOperation(variant, state, op, noMint);

describe('register', () => {
  it('upserts a live URL under its id (upsert variant)', () => {
    const { state, results } = run('upsert', [register(A), register(A2)]);
    expect(results).toEqual(['id1', 'id1']);
    expect(state.workers.get('id1')).toBe(A2);
    expect(state.workers.size).toBe(1);
  });

  it('refuses a live URL and leaves the state alone (split variant)', () => {
    const before = run('split', [register(A)]).state;
    const outcome = applyNoMint('split', before, register(A2));
    expect(outcome.result).toBeNull();
    expect(outcome.state).toBe(before);
  });

  it.each(['upsert', 'split'] as const)('adopts a reservation without minting (%s)', (variant) => {
    const reserved = run(variant, [reserve(UA)]).state;
    const outcome = applyNoMint(variant, reserved, register(A));
    expect(outcome.result).toBe('id1');
    expect(outcome.state.workers.get('id1')).toBe(A);
    expect(outcome.state.urlToId.get(UA)).toBe('id1');
  });

  it('mints a fresh id for a new URL and records it as used', () => {
    const { state, results } = run('split', [register(A), register(B)]);
    expect(results).toEqual(['id1', 'id2']);
    expect([...state.usedIds].sort()).toEqual(['id1', 'id2']);
    expect(state.urlToId).toEqual(
      new Map([
        [UA, 'id1'],
        [UB, 'id2'],
      ]),
    );
  });
});

describe('replace', () => {
  const registered = run('split', [register(A)]).state;

  it('overwrites the worker at the same URL', () => {
    const outcome = applyNoMint('split', registered, replace('id1', A2));
    expect(outcome.result).toBe(true);
    expect(outcome.state.workers.get('id1')).toBe(A2);
    expect(outcome.state.urlToId.get(UA)).toBe('id1');
  });

  it('rejects a URL change and leaves the state alone', () => {
    const outcome = applyNoMint('split', registered, replace('id1', B));
    expect(outcome.result).toBe(false);
    expect(outcome.state).toBe(registered);
  });

  it('rejects a missing id', () => {
    const outcome = applyNoMint('split', registered, replace('id9', A2));
    expect(outcome.result).toBe(false);
    expect(outcome.state).toBe(registered);
  });

  it('rejects an id that is only a reservation', () => {
    const reserved = run('split', [reserve(UA)]).state;
    expect(applyNoMint('split', reserved, replace('id1', A)).result).toBe(false);
  });
});

describe('registerOrReplace', () => {
  it('keeps the live id when upserting', () => {
    const { state, results } = run('split', [register(A), registerOrReplace(A2)]);
    expect(results).toEqual(['id1', 'id1']);
    expect(state.workers.get('id1')).toBe(A2);
  });

  it('stores a new URL under a fresh id', () => {
    const { state, results } = run('split', [register(A), registerOrReplace(B)]);
    expect(results).toEqual(['id1', 'id2']);
    expect(state.workers.get('id2')).toBe(B);
  });
});

describe('remove and removeByUrl', () => {
  it('remove returns the label and drops the worker and its URL, keeping the id used', () => {
    const { state, results } = run('split', [register(A), register(B), remove('id1'), remove('id1')]);
    expect(results).toEqual(['id1', 'id2', 'A', null]);
    expect([...state.workers.keys()]).toEqual(['id2']);
    expect(state.urlToId.has(UA)).toBe(false);
    expect(state.usedIds.has('id1')).toBe(true);
  });

  it('removeByUrl removes the live worker at a URL', () => {
    const { state, results } = run('split', [register(A), register(B), removeByUrl(UB), removeByUrl(UB)]);
    expect(results).toEqual(['id1', 'id2', 'B', null]);
    expect([...state.workers.keys()]).toEqual(['id1']);
    expect(state.urlToId.has(UB)).toBe(false);
  });

  it('removeByUrl returns null on a bare reservation and keeps it', () => {
    const { state, results } = run('split', [reserve(UA), removeByUrl(UA)]);
    expect(results).toEqual(['id1', null]);
    expect(state.urlToId.get(UA)).toBe('id1');
  });
});

describe('reserve and releaseReservation', () => {
  it('reserve returns the existing id of a live worker or a reservation', () => {
    const live = run('split', [register(A)]).state;
    expect(applyNoMint('split', live, reserve(UA))).toEqual({ state: live, result: 'id1' });
    const reserved = run('split', [reserve(UA)]).state;
    expect(applyNoMint('split', reserved, reserve(UA))).toEqual({ state: reserved, result: 'id1' });
  });

  it('reserve mints a fresh id for a new URL without storing a worker', () => {
    const { state, results } = run('split', [reserve(UA), reserve(UB)]);
    expect(results).toEqual(['id1', 'id2']);
    expect(state.workers.size).toBe(0);
    expect(state.urlToId.get(UB)).toBe('id2');
  });

  it('releases a bare reservation', () => {
    const { state, results } = run('split', [reserve(UA), release(UA), release(UA)]);
    expect(results).toEqual(['id1', true, false]);
    expect(state.urlToId.size).toBe(0);
    expect(state.usedIds.has('id1')).toBe(true);
  });

  it('does not release a live worker or an unknown URL', () => {
    const live = run('split', [register(A)]).state;
    expect(applyNoMint('split', live, release(UA))).toEqual({ state: live, result: false });
    expect(applyNoMint('split', live, release(UB))).toEqual({ state: live, result: false });
  });
});

describe('reads', () => {
  const { state } = run('split', [register(C), register(A), register(B), reserve('http://r:8000')]);
  const read = (op: Operation) => applyNoMint('split', state, op);

  it('list sorted labels', () => {
    expect(read({ kind: 'getByModel', model: 'm1' }).result).toEqual(['A', 'B', 'C']);
    expect(read({ kind: 'getByModel', model: 'm2' }).result).toEqual(['C']);
    expect(read({ kind: 'getByModel', model: 'm9' }).result).toEqual([]);
    expect(read({ kind: 'getByType', type: 'Prefill' }).result).toEqual(['B']);
    expect(read({ kind: 'getByConnection', mode: 'Http' }).result).toEqual(['A', 'B']);
  });

  it('get and getByUrl return the label, or null for a missing id or a reservation', () => {
    expect(read({ kind: 'get', id: 'id1' }).result).toBe('C');
    expect(read({ kind: 'get', id: 'id4' }).result).toBeNull();
    expect(read({ kind: 'getByUrl', url: UA }).result).toBe('A');
    expect(read({ kind: 'getByUrl', url: 'http://r:8000' }).result).toBeNull();
  });

  it('do not change the state', () => {
    expect(read({ kind: 'getByModel', model: 'm1' }).state).toBe(state);
  });

  it('ringLookup equals a ring over the URLs of the model, or null', () => {
    const m1 = HashRing.fromUniqueUrls([UA, UB, UC]);
    const m2 = HashRing.fromUniqueUrls([UC]);
    const answers = new Set<OpResult>();
    for (let i = 0; i < 40; i++) {
      const key = `key-${i}`;
      const result = read({ kind: 'ringLookup', model: 'm1', key }).result;
      expect(result).toBe(m1.findHealthyUrl(key));
      answers.add(result);
      expect(read({ kind: 'ringLookup', model: 'm2', key }).result).toBe(m2.findHealthyUrl(key));
    }
    expect(answers.size).toBeGreaterThan(1);
    expect(read({ kind: 'ringLookup', model: 'm9', key: 'k' }).result).toBeNull();
  });
});

describe('specStep', () => {
  it('accepts an observed fresh id and records it', () => {
    const next = specStep('split', EMPTY_SPEC_STATE, register(A), 'x7');
    expect(next?.workers.get('x7')).toBe(A);
    expect(next?.urlToId.get(UA)).toBe('x7');
    expect(next?.usedIds.has('x7')).toBe(true);
  });

  it('rejects an id that was handed out before', () => {
    const removed = run('split', [register(A), remove('id1')]).state;
    expect(specStep('split', removed, register(A), 'id1')).toBeUndefined();
    expect(specStep('split', removed, reserve(UA), 'id1')).toBeUndefined();
    expect(specStep('split', removed, register(A), 'id2')).toBeDefined();
  });

  it('rejects a non-id result for an operation that mints', () => {
    expect(specStep('split', EMPTY_SPEC_STATE, register(A), null)).toBeUndefined();
  });

  it('rejects a wrong result', () => {
    const live = run('split', [register(A)]).state;
    expect(specStep('split', live, register(A2), 'id2')).toBeUndefined();
    expect(specStep('split', live, register(A2), null)).toBe(live);
    expect(specStep('upsert', live, register(A2), 'id2')).toBeUndefined();
    expect(specStep('split', live, replace('id1', B), true)).toBeUndefined();
    expect(specStep('split', live, removeByUrl(UA), 'A2')).toBeUndefined();
  });

  it('compares list results element-wise', () => {
    const two = run('split', [register(A), register(B)]).state;
    const byModel: Operation = { kind: 'getByModel', model: 'm1' };
    expect(specStep('split', two, byModel, ['A', 'B'])).toBe(two);
    expect(specStep('split', two, byModel, ['B', 'A'])).toBeUndefined();
    expect(specStep('split', two, byModel, ['A'])).toBeUndefined();
  });
});

describe('specStateKey', () => {
  const step = (state: SpecState | undefined, op: Operation, observed: OpResult) =>
    specStep('split', state!, op, observed);

  it('is equal for equal states built in different orders', () => {
    const ab = step(step(EMPTY_SPEC_STATE, register(A), 'id1'), register(B), 'id2');
    const ba = step(step(EMPTY_SPEC_STATE, register(B), 'id2'), register(A), 'id1');
    expect(ab).toBeDefined();
    expect(specStateKey(ab!)).toBe(specStateKey(ba!));
  });

  it('differs when the workers or the URL map differ', () => {
    const live = run('split', [register(A)]).state;
    const reserved = run('split', [reserve(UA)]).state;
    const replaced = run('split', [register(A), replace('id1', A2)]).state;
    const keys = [EMPTY_SPEC_STATE, live, reserved, replaced].map(specStateKey);
    expect(new Set(keys).size).toBe(4);
  });

  it('differs when only usedIds differ', () => {
    const released = run('split', [reserve(UA), release(UA)]).state;
    expect(released.workers.size + released.urlToId.size).toBe(0);
    expect(specStateKey(released)).not.toBe(specStateKey(EMPTY_SPEC_STATE));
  });
});
