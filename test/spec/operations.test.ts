/** The table of operation kinds (`src/spec/operations.ts`) and how calls print. */
import { describe, expect, it } from 'vitest';
import { createWorker } from '../../src/domain/worker.ts';
import {
  describeOperation,
  OPERATION_KINDS,
  OPERATIONS,
  type OperationKind,
  type OperationOf,
  READ_KINDS,
  WRITE_KINDS,
} from '../../src/spec/operations.ts';

const W = createWorker('W1', { url: 'U1', models: ['a'] });

/** One operation of every kind, with how it prints. */
const SAMPLES: { readonly [K in OperationKind]: readonly [OperationOf<K>, string] } = {
  register: [{ kind: 'register', worker: W }, 'register(W1)'],
  replace: [{ kind: 'replace', id: 'id1', worker: W }, 'replace(id1, W1)'],
  registerOrReplace: [{ kind: 'registerOrReplace', worker: W }, 'registerOrReplace(W1)'],
  remove: [{ kind: 'remove', id: 'id1' }, 'remove(id1)'],
  removeByUrl: [{ kind: 'removeByUrl', url: 'U1' }, 'removeByUrl(U1)'],
  reserve: [{ kind: 'reserve', url: 'U1' }, 'reserve(U1)'],
  releaseReservation: [{ kind: 'releaseReservation', url: 'U1' }, 'releaseReservation(U1)'],
  get: [{ kind: 'get', id: 'id1' }, 'get(id1)'],
  getByUrl: [{ kind: 'getByUrl', url: 'U1' }, 'getByUrl(U1)'],
  getByModel: [{ kind: 'getByModel', model: 'a' }, 'getByModel(a)'],
  getByType: [{ kind: 'getByType', type: 'Decode' }, 'getByType(Decode)'],
  getByConnection: [{ kind: 'getByConnection', mode: 'Grpc' }, 'getByConnection(Grpc)'],
  ringLookup: [{ kind: 'ringLookup', model: 'a', key: 'k1' }, 'ringLookup(a, k1)'],
};

describe('the table of operation kinds', () => {
  it("lists exactly each kind's arguments, in field order", () => {
    for (const [kind, [op]] of Object.entries(SAMPLES)) {
      expect(OPERATIONS[kind as OperationKind].arguments, kind).toEqual(Object.keys(op).slice(1));
    }
  });

  it('splits the kinds into writes and reads', () => {
    expect([...WRITE_KINDS]).toEqual([
      'register',
      'replace',
      'registerOrReplace',
      'remove',
      'removeByUrl',
      'reserve',
      'releaseReservation',
    ]);
    expect([...READ_KINDS]).toEqual([
      'get',
      'getByUrl',
      'getByModel',
      'getByType',
      'getByConnection',
      'ringLookup',
    ]);
    expect([...OPERATION_KINDS]).toEqual([...WRITE_KINDS, ...READ_KINDS]);
  });

  it('lets a scenario bind the ids that register, registerOrReplace and reserve return', () => {
    const binding = [...OPERATION_KINDS].filter((kind) => OPERATIONS[kind].bindsId);
    expect(binding).toEqual(['register', 'registerOrReplace', 'reserve']);
  });

  it('prints a call with its arguments in order, workers by label', () => {
    for (const [op, printed] of Object.values(SAMPLES)) expect(describeOperation(op)).toBe(printed);
  });
});
