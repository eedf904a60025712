/**
 * The structural invariants of spec §5 (`src/invariants/`): a hand-built consistent snapshot
 * passes, and each hand-made corruption is reported by exactly the invariant(s) it breaks, with a
 * message naming the URL, id or model involved.
 */
import { describe, expect, it } from 'vitest';
import type { WorkerId } from '../../src/determinism/ids.ts';
import { HashRing } from '../../src/domain/hashRing.ts';
import {
  type ConnectionMode,
  createWorker,
  primaryModelId,
  type Worker,
  type WorkerType,
  workerModelIds,
} from '../../src/domain/worker.ts';
import { checkStructure, STRUCTURAL_INVARIANTS, type Violation } from '../../src/invariants/index.ts';

const URL_A = 'http://a:8000';
const URL_B = 'http://b:8000';
const URL_C = 'http://c:8000';

/** A RegistrySnapshot whose maps the tests may corrupt in place. */
interface MutableSnapshot {
  workers: Map<WorkerId, Worker>;
  urlToId: Map<string, WorkerId>;
  modelIndex: Map<string, Worker[]>;
  hashRings: Map<string, HashRing>;
  typeWorkers: Map<WorkerType, WorkerId[]>;
  connectionWorkers: Map<ConnectionMode, WorkerId[]>;
  idLocks?: Map<WorkerId, unknown>;
  indexedModels: (w: Worker) => readonly string[];
  wildcardRing: boolean;
}

interface Options {
  readonly wildcardRing?: boolean;
  readonly indexedModels?: (w: Worker) => readonly string[];
}

/**
 * Three workers: A (m1, m2; Regular, Http), B (m1; Prefill, Grpc) and a wildcard C (Decode,
 * Http), indexed under "unknown". Every index is derived from `workers`, with the same objects.
 */
function consistent(options: Options = {}): MutableSnapshot {
  const indexedModels = options.indexedModels ?? workerModelIds;
  const wildcardRing = options.wildcardRing ?? false;
  const workers = new Map<WorkerId, Worker>([
    ['id1', createWorker('A', { url: URL_A, models: ['m1', 'm2'] })],
    ['id2', createWorker('B', { url: URL_B, models: ['m1'], type: 'Prefill', mode: 'Grpc' })],
    ['id3', createWorker('C', { url: URL_C, type: 'Decode' })],
  ]);
  const s: MutableSnapshot = {
    workers,
    urlToId: new Map(),
    modelIndex: new Map(),
    hashRings: new Map(),
    typeWorkers: new Map(),
    connectionWorkers: new Map(),
    idLocks: new Map(),
    indexedModels,
    wildcardRing,
  };
  for (const [id, w] of workers) {
    s.urlToId.set(w.url, id);
    for (const m of indexedModels(w)) s.modelIndex.set(m, [...(s.modelIndex.get(m) ?? []), w]);
    s.typeWorkers.set(w.type, [...(s.typeWorkers.get(w.type) ?? []), id]);
    s.connectionWorkers.set(w.mode, [...(s.connectionWorkers.get(w.mode) ?? []), id]);
    s.idLocks?.set(id, {});
  }
  for (const [m, slice] of s.modelIndex) s.hashRings.set(m, HashRing.fromUniqueUrls(slice.map((w) => w.url)));
  if (wildcardRing) s.hashRings.set('unknown', HashRing.fromUniqueUrls([URL_A, URL_B, URL_C]));
  return s;
}

const worker = (s: MutableSnapshot, id: WorkerId): Worker => s.workers.get(id)!;
const invariantsOf = (violations: readonly Violation[]) =>
  [...new Set(violations.map((v) => v.invariant))].sort();
const messages = (violations: readonly Violation[]) => violations.map((v) => v.message);

/** Every violation of `s`, asserting that they come from exactly `expected` invariants. */
function expectOnly(s: MutableSnapshot, ...expected: Violation['invariant'][]): Violation[] {
  const violations = checkStructure(s);
  expect(invariantsOf(violations)).toEqual([...expected].sort());
  return violations;
}

/** The single violation of `s`, asserting it comes from `invariant`; returns its message. */
function expectSingle(s: MutableSnapshot, invariant: Violation['invariant']): string {
  const violations = checkStructure(s);
  expect(violations).toHaveLength(1);
  expect(violations[0]!.invariant).toBe(invariant);
  return violations[0]!.message;
}

describe('a consistent snapshot', () => {
  it('has no violations', () => {
    expect(checkStructure(consistent())).toEqual([]);
  });

  it('has no violations with HEAD wildcard ring spanning every URL', () => {
    expect(checkStructure(consistent({ wildcardRing: true }))).toEqual([]);
  });

  it('has no violations when only the primary model is indexed (PRE)', () => {
    const s = consistent({ indexedModels: (w) => [primaryModelId(w)] });
    expect(s.modelIndex.has('m2')).toBe(false);
    expect(checkStructure(s)).toEqual([]);
  });

  it('has no violations without a lock table', () => {
    const s = consistent();
    delete s.idLocks;
    expect(checkStructure(s)).toEqual([]);
  });

  it('lists the seven structural invariants in report order', () => {
    expect(STRUCTURAL_INVARIANTS.map((i) => i.id)).toEqual([
      'url-unique',
      'url-map',
      'model-index',
      'hash-ring',
      'type-index',
      'conn-index',
      'no-leak',
    ]);
  });
});

describe('url-unique', () => {
  it('reports two live ids on one URL (which url_to_id can map only once)', () => {
    const s = consistent();
    // D shares A's URL; indexed alone under m3 so that only the URL invariants break.
    const d = createWorker('D', { url: URL_A, models: ['m3'] });
    s.workers.set('id4', d);
    s.modelIndex.set('m3', [d]);
    s.hashRings.set('m3', HashRing.fromUniqueUrls([URL_A]));
    s.typeWorkers.get('Regular')!.push('id4');
    s.connectionWorkers.get('Http')!.push('id4');
    s.idLocks!.set('id4', {});
    const violations = expectOnly(s, 'url-unique', 'url-map');
    const unique = violations.filter((v) => v.invariant === 'url-unique');
    expect(unique).toHaveLength(1);
    expect(unique[0]!.message).toContain(URL_A);
    expect(unique[0]!.message).toContain('id1 (A)');
    expect(unique[0]!.message).toContain('id4 (D)');
    expect(messages(violations.filter((v) => v.invariant === 'url-map'))).toEqual([
      expect.stringContaining('id4'),
    ]);
  });
});

describe('url-map', () => {
  it('reports a live worker its URL does not map to', () => {
    const s = consistent();
    s.urlToId.delete(URL_B);
    const message = expectSingle(s, 'url-map');
    expect(message).toContain('id2');
    expect(message).toContain(URL_B);
  });

  it('reports url_to_id pointing at a worker with another URL', () => {
    const s = consistent();
    s.urlToId.set(URL_A, 'id2');
    const violations = expectOnly(s, 'url-map');
    // A is now unreachable, and the entry for A's URL names B, which lives elsewhere.
    expect(violations).toHaveLength(2);
    expect(messages(violations)).toContainEqual(expect.stringContaining('live worker id1'));
    const wrong = violations.find((v) => v.message.startsWith(`url_to_id[${URL_A}] = id2`));
    expect(wrong?.message).toContain(URL_B);
  });

  it('reports a live id reachable from a second URL', () => {
    const s = consistent();
    s.urlToId.set('http://other:8000', 'id1');
    const message = expectSingle(s, 'url-map');
    expect(message).toContain('http://other:8000');
    expect(message).toContain('id1');
    expect(message).toContain(URL_A);
  });

  it('leaves a reservation at quiescence to final-state, which knows whether one may be there', () => {
    const s = consistent();
    s.urlToId.set('http://r:8000', 'id9');
    expect(checkStructure(s)).toEqual([]);
  });
});

describe('model-index', () => {
  it('reports an empty slice', () => {
    const s = consistent();
    s.modelIndex.set('m9', []);
    expect(expectSingle(s, 'model-index')).toContain('model_index[m9]');
  });

  it('reports a URL listed twice in a slice', () => {
    const s = consistent();
    s.modelIndex.get('m1')!.push(worker(s, 'id1'));
    const message = expectSingle(s, 'model-index');
    expect(message).toContain('model_index[m1]');
    expect(message).toContain(URL_A);
  });

  it('reports a stale object (same URL, another object) and the live one missing', () => {
    const s = consistent();
    const stale = createWorker('A-old', { url: URL_A, models: ['m1', 'm2'] });
    s.modelIndex.set('m1', [stale, worker(s, 'id2')]);
    const violations = expectOnly(s, 'model-index');
    expect(violations).toHaveLength(2);
    const staleReport = violations.find((v) => v.message.includes('stale'));
    expect(staleReport?.message).toContain('model_index[m1]');
    expect(staleReport?.message).toContain('A-old');
    expect(staleReport?.message).toContain(URL_A);
    expect(staleReport?.message).toContain('workers[id1]');
    expect(messages(violations)).toContainEqual(expect.stringMatching(/id1.*missing from model_index\[m1\]/));
  });

  it('reports a live worker missing from a slice', () => {
    const s = consistent();
    s.modelIndex.set('m1', [worker(s, 'id2')]);
    const message = expectSingle(s, 'model-index');
    expect(message).toContain('id1');
    expect(message).toContain('model_index[m1]');
  });

  it('reports a live worker whose slice is absent', () => {
    const s = consistent();
    s.modelIndex.delete('m2');
    const message = expectSingle(s, 'model-index');
    expect(message).toContain('id1');
    expect(message).toContain('m2');
  });

  it('reports an object at a URL no live worker has', () => {
    const s = consistent();
    s.modelIndex.get('m2')!.push(createWorker('Z', { url: 'http://gone:8000', models: ['m2'] }));
    const message = expectSingle(s, 'model-index');
    expect(message).toContain('model_index[m2]');
    expect(message).toContain('http://gone:8000');
  });

  it('reports a live worker listed under a model it does not serve', () => {
    const s = consistent();
    s.modelIndex.get('m2')!.push(worker(s, 'id2'));
    const message = expectSingle(s, 'model-index');
    expect(message).toContain('model_index[m2]');
    expect(message).toContain('id2');
  });

  it('follows the version indexing: under PRE, A in model_index[m2] does not serve m2', () => {
    const s = consistent({ indexedModels: (w) => [primaryModelId(w)] });
    s.modelIndex.set('m2', [worker(s, 'id1')]);
    s.hashRings.set('m2', HashRing.fromUniqueUrls([URL_A]));
    const violations = expectOnly(s, 'model-index', 'hash-ring');
    expect(messages(violations.filter((v) => v.invariant === 'model-index'))).toEqual([
      expect.stringContaining('(id1), which does not serve m2'),
    ]);
  });
});

describe('hash-ring', () => {
  it('reports a missing ring', () => {
    const s = consistent();
    s.hashRings.delete('m2');
    expect(expectSingle(s, 'hash-ring')).toContain('m2');
  });

  it('reports a URL listed twice in the ring (300 vnodes)', () => {
    const s = consistent();
    s.hashRings.set('m1', HashRing.build([URL_A, URL_A, URL_B]));
    const message = expectSingle(s, 'hash-ring');
    expect(message).toContain('hash_rings[m1]');
    expect(message).toContain(URL_A);
    expect(message).toContain('300');
  });

  it('reports a ring for a model with no workers', () => {
    const s = consistent();
    s.hashRings.set('m9', HashRing.fromUniqueUrls([URL_A]));
    expect(expectSingle(s, 'hash-ring')).toContain('hash_rings[m9]');
  });

  it('reports a ring routing to a dead URL', () => {
    const s = consistent();
    s.hashRings.set('m1', HashRing.fromUniqueUrls([URL_A, URL_B, 'http://dead:8000']));
    const message = expectSingle(s, 'hash-ring');
    expect(message).toContain('hash_rings[m1]');
    expect(message).toContain('http://dead:8000');
  });

  it('reports a ring lacking a live URL of its model', () => {
    const s = consistent();
    s.hashRings.set('m1', HashRing.fromUniqueUrls([URL_A]));
    const message = expectSingle(s, 'hash-ring');
    expect(message).toContain('hash_rings[m1]');
    expect(message).toContain(URL_B);
  });

  it('reports HEAD wildcard ring under "unknown" missing a URL', () => {
    const s = consistent({ wildcardRing: true });
    s.hashRings.set('unknown', HashRing.fromUniqueUrls([URL_A, URL_C]));
    const message = expectSingle(s, 'hash-ring');
    expect(message).toContain('hash_rings[unknown]');
    expect(message).toContain(URL_B);
  });

  it('reports a missing wildcard ring when every worker serves a named model', () => {
    const s = consistent({ wildcardRing: true });
    // Drop the wildcard worker C: no worker serves "unknown" by itself any more.
    s.workers.delete('id3');
    s.urlToId.delete(URL_C);
    s.idLocks!.delete('id3');
    s.typeWorkers.delete('Decode');
    s.connectionWorkers.set('Http', ['id1']);
    s.modelIndex.delete('unknown');
    s.hashRings.delete('unknown');
    expect(expectSingle(s, 'hash-ring')).toContain('unknown');
    s.hashRings.set('unknown', HashRing.fromUniqueUrls([URL_A, URL_B]));
    expect(checkStructure(s)).toEqual([]);
  });

  it('reports an all-URL "unknown" ring when the version has no wildcard ring', () => {
    const s = consistent();
    s.hashRings.set('unknown', HashRing.fromUniqueUrls([URL_A, URL_B, URL_C]));
    const violations = expectOnly(s, 'hash-ring');
    expect(violations).toHaveLength(2);
    expect(messages(violations)).toContainEqual(expect.stringContaining(URL_A));
    expect(messages(violations)).toContainEqual(expect.stringContaining(URL_B));
  });
});

describe.each([
  ['type-index', 'typeWorkers', 'type_workers', 'Regular', 'Prefill'],
  ['conn-index', 'connectionWorkers', 'connection_workers', 'Http', 'Grpc'],
] as const)('%s', (invariant, field, rustName, keyOfA, otherKey) => {
  const lists = (s: MutableSnapshot) => s[field] as Map<string, WorkerId[]>;

  it('reports a live id missing from its list', () => {
    const s = consistent();
    lists(s).set(
      keyOfA,
      lists(s)
        .get(keyOfA)!
        .filter((id) => id !== 'id1'),
    );
    const message = expectSingle(s, invariant);
    expect(message).toContain('id1');
    expect(message).toContain(`${rustName}[${keyOfA}]`);
  });

  it('reports an id listed twice', () => {
    const s = consistent();
    lists(s).get(keyOfA)!.push('id1');
    const message = expectSingle(s, invariant);
    expect(message).toContain('id1');
    expect(message).toContain(`${rustName}[${keyOfA}]`);
    expect(message).toContain('2 times');
  });

  it('reports an id listed under the wrong key', () => {
    const s = consistent();
    lists(s).get(otherKey)!.push('id1');
    const message = expectSingle(s, invariant);
    expect(message).toContain('id1');
    expect(message).toContain(`${rustName}[${otherKey}]`);
  });

  it('reports a dead id in a list', () => {
    const s = consistent();
    lists(s).get(otherKey)!.push('id9');
    const message = expectSingle(s, invariant);
    expect(message).toContain('id9');
    expect(message).toContain(`${rustName}[${otherKey}]`);
  });
});

describe('no-leak', () => {
  it('reports a lock-table entry for a removed id', () => {
    const s = consistent();
    s.idLocks!.set('id7', {});
    const message = expectSingle(s, 'no-leak');
    expect(message).toContain('worker_mutation_locks');
    expect(message).toContain('id7');
  });
});
