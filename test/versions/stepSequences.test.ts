/**
 * Pins each port's exact step order (spec §3) for representative operations, so that any drift
 * from the spec (a missing, extra or reordered map call) fails here. Each step is recorded as
 * `field.op(key)` with the Rust field names; a lock acquisition is `table[key].lock()`.
 */
import { describe, expect, it } from 'vitest';
import { createSequentialIds } from '../../src/determinism/ids.ts';
import { createWorker, type Worker } from '../../src/domain/worker.ts';
import type { Runtime } from '../../src/memory/runtime.ts';
import type { Implementation, Registry } from '../../src/types.ts';
import { VERSIONS } from '../../src/versions/index.ts';

/** A simulated runtime that lets every step through at once and records it. */
function createRecordingRuntime(): { rt: Runtime; steps: string[] } {
  const steps: string[] = [];
  const rt: Runtime = {
    simulated: true,
    ids: createSequentialIds(),
    step: (target, op, key) => {
      steps.push(`${target}.${op}(${String(key)})`);
      return undefined;
    },
    note: () => {},
    suspend: () => {
      throw new Error('a single task never waits for a lock');
    },
  };
  return { rt, steps };
}

const U = 'http://w1:8080';
/** Registered first: one model `a`, Regular, Http. Gets id `id1`. */
const A = createWorker('A', { url: U, models: ['a'] });
/** The update: the same URL, model `a` swapped for `b`, and Prefill instead of Regular. */
const B = createWorker('B', { url: U, models: ['b'], type: 'Prefill' });

/** PRE to V1113's `rebuild_hash_ring`: one step holding the model-index read guard. */
const rebuild = (m: string) => [`model_index.get+rebuild_hash_ring(${m})`];
/** HEAD's: clone the slice, store the ring, then the wildcard ring from a model-index snapshot. */
const headRebuild = (m: string, ring: 'insert' | 'remove', wildcard: readonly string[]) => [
  `model_index.get(${m})`,
  `hash_rings.${ring}(${m})`,
  'model_index.iter(*)',
  ...wildcard,
];
const removeFromIndex = (m: string, rebuildSteps: readonly string[]) => [
  `model_index.get_mut(${m})`,
  `model_index.remove_if(${m})`,
  ...rebuildSteps,
];
const lock = (table: string, key: string) => [`${table}.entry(${key})`, `${table}[${key}].lock()`];
const idLock = lock('worker_mutation_locks', 'id1');

interface Expected {
  /** `register(A)` on an empty registry. */
  readonly register: readonly string[];
  /** `replace(id1, B)`, or for the upsert API `register(B)`, after `register(A)`. */
  readonly update: readonly string[];
  /** `remove(id1)` after `register(A)`. */
  readonly remove: readonly string[];
}

const EXPECTED: Readonly<Record<string, Expected>> = {
  // §3.1
  pre714: {
    register: [
      `url_to_id.get(${U})`,
      'workers.insert(id1)',
      `url_to_id.insert(${U})`,
      'model_index.entry(a)',
      ...rebuild('a'),
      'type_workers.entry(Regular)',
      'connection_workers.entry(Http)',
    ],
    update: [
      `url_to_id.get(${U})`,
      'workers.insert(id1)',
      `url_to_id.insert(${U})`,
      'model_index.entry(b)',
      ...rebuild('b'),
      'type_workers.entry(Prefill)',
      'connection_workers.entry(Http)',
    ],
    remove: [
      'workers.remove(id1)',
      `url_to_id.remove(${U})`,
      'model_index.get_mut(a)',
      ...rebuild('a'),
      'type_workers.get_mut(Regular)',
      'connection_workers.get_mut(Http)',
    ],
  },
  // §3.2
  v756: {
    register: [
      ...lock('url_registration_locks', U),
      `url_to_id.entry(${U})`,
      'workers.get(id1)',
      'workers.insert(id1)',
      'model_index.entry(a)',
      ...rebuild('a'),
      'type_workers.entry(Regular)',
      'connection_workers.entry(Http)',
    ],
    update: [
      ...lock('url_registration_locks', U),
      `url_to_id.entry(${U})`,
      'workers.get(id1)',
      ...removeFromIndex('a', rebuild('a')),
      'type_workers.get_mut(Regular)',
      'connection_workers.get_mut(Http)',
      'workers.insert(id1)',
      'model_index.entry(b)',
      ...rebuild('b'),
      'type_workers.entry(Prefill)',
      'connection_workers.entry(Http)',
    ],
    remove: [
      'workers.remove(id1)',
      `url_to_id.remove(${U})`,
      ...removeFromIndex('a', rebuild('a')),
      'type_workers.get_mut(Regular)',
      'connection_workers.get_mut(Http)',
    ],
  },
  // §3.3
  r0: {
    register: [
      `url_to_id.contains_key(${U})`,
      `url_to_id.insert(${U})`,
      'workers.insert(id1)',
      'model_index.entry(a)',
      ...rebuild('a'),
      'type_workers.entry(Regular)',
      'connection_workers.entry(Http)',
    ],
    update: [
      'workers.get(id1)',
      'workers.insert(id1)',
      ...removeFromIndex('a', rebuild('a')),
      'model_index.entry(b)',
      ...rebuild('b'),
      'type_workers.get_mut(Regular)',
      'type_workers.entry(Prefill)',
    ],
    remove: [
      'workers.remove(id1)',
      `url_to_id.remove(${U})`,
      ...removeFromIndex('a', rebuild('a')),
      'type_workers.get_mut(Regular)',
      'connection_workers.get_mut(Http)',
    ],
  },
  // §3.4
  v836: {
    register: [
      `url_to_id.entry(${U})`,
      'workers.insert(id1)',
      'model_index.entry(a)',
      ...rebuild('a'),
      'type_workers.entry(Regular)',
      'connection_workers.entry(Http)',
    ],
    update: [
      ...idLock,
      'workers.get(id1)',
      'workers.insert(id1)',
      ...removeFromIndex('a', rebuild('a')),
      'model_index.entry(b)',
      ...rebuild('b'),
      'type_workers.get_mut(Regular)',
      'type_workers.entry(Prefill)',
    ],
    remove: [
      ...idLock,
      'workers.remove(id1)',
      `url_to_id.remove(${U})`,
      'worker_mutation_locks.remove(id1)',
      ...removeFromIndex('a', rebuild('a')),
      'type_workers.get_mut(Regular)',
      'connection_workers.get_mut(Http)',
    ],
  },
  // §3.5
  v1113: {
    register: [
      `url_to_id.entry(${U})`,
      ...idLock,
      'workers.contains_key(id1)',
      'workers.insert(id1)',
      'model_index.entry(a)',
      ...rebuild('a'),
      'type_workers.entry(Regular)',
      'connection_workers.entry(Http)',
      // #1027 under #1113's lock: the event is the last step.
      'event_tx.send(id1)',
    ],
    update: [
      ...idLock,
      'workers.get(id1)',
      'workers.insert(id1)',
      ...removeFromIndex('a', rebuild('a')),
      'model_index.entry(b)',
      ...rebuild('b'),
      'type_workers.get_mut(Regular)',
      'type_workers.entry(Prefill)',
      'event_tx.send(id1)',
    ],
    remove: [
      ...idLock,
      'workers.remove(id1)',
      `url_to_id.remove(${U})`,
      'worker_mutation_locks.remove(id1)',
      ...removeFromIndex('a', rebuild('a')),
      'type_workers.get_mut(Regular)',
      'connection_workers.get_mut(Http)',
      'event_tx.send(id1)',
    ],
  },
  // §1.4 HEAD changes, §3.5
  head: {
    register: [
      `url_to_id.entry(${U})`,
      ...idLock,
      'workers.contains_key(id1)',
      'workers.insert(id1)',
      'model_index.entry(a)',
      // One model: the wildcard ring shares its ring.
      ...headRebuild('a', 'insert', ['hash_rings.get(a)', 'hash_rings.insert(unknown)']),
      'type_workers.entry(Regular)',
      'connection_workers.entry(Http)',
      // #1027 under #1113's lock: the event is the last step.
      'event_tx.send(id1)',
    ],
    update: [
      ...idLock,
      'workers.get(id1)',
      'workers.insert(id1)',
      // No model left in between: the wildcard ring is deleted, then rebuilt from `b`.
      ...removeFromIndex('a', headRebuild('a', 'remove', ['hash_rings.remove(unknown)'])),
      'model_index.entry(b)',
      ...headRebuild('b', 'insert', ['hash_rings.get(b)', 'hash_rings.insert(unknown)']),
      'type_workers.get_mut(Regular)',
      'type_workers.entry(Prefill)',
      'event_tx.send(id1)',
    ],
    remove: [
      ...idLock,
      'workers.remove(id1)',
      `url_to_id.remove(${U})`,
      'worker_mutation_locks.remove(id1)',
      ...removeFromIndex('a', headRebuild('a', 'remove', ['hash_rings.remove(unknown)'])),
      'type_workers.get_mut(Regular)',
      'connection_workers.get_mut(Http)',
      'event_tx.send(id1)',
    ],
  },
};

/** Runs `op` on a registry holding `setup` (or an empty one) and returns only the steps `op` took. */
async function stepsOf(
  impl: Implementation,
  setup: Worker | null,
  op: (reg: Registry) => Promise<unknown>,
): Promise<string[]> {
  const { rt, steps } = createRecordingRuntime();
  const reg = impl.create(rt);
  if (setup !== null) expect(await reg.register(setup)).toBe('id1');
  steps.length = 0;
  await op(reg);
  return steps;
}

describe.each(VERSIONS.map((impl) => [impl.name, impl] as const))('%s step order', (name, impl) => {
  const expected = EXPECTED[name];

  it('has an expectation', () => {
    expect(expected).toBeDefined();
  });

  it('register of a fresh one-model worker', async () => {
    expect(await stepsOf(impl, null, (reg) => reg.register(A))).toEqual(expected?.register);
  });

  it(
    impl.api === 'split'
      ? 'replace with a changed model and type'
      : 're-register with a changed model and type',
    async () => {
      const update = (reg: Registry) => (reg.replace === undefined ? reg.register(B) : reg.replace('id1', B));
      expect(await stepsOf(impl, A, update)).toEqual(expected?.update);
    },
  );

  it('remove', async () => {
    expect(await stepsOf(impl, A, (reg) => reg.remove('id1'))).toEqual(expected?.remove);
  });
});

describe('remove_by_url resolution', () => {
  const byName = (name: string) => VERSIONS.find((impl) => impl.name === name)!;

  it('v836 pre-removes the URL mapping (§3.4)', async () => {
    const steps = await stepsOf(byName('v836'), A, (reg) => reg.removeByUrl(U));
    expect(steps).toEqual([`url_to_id.remove(${U})`, ...(EXPECTED.v836?.remove ?? [])]);
  });

  it('v1113 only reads it (§3.5)', async () => {
    const steps = await stepsOf(byName('v1113'), A, (reg) => reg.removeByUrl(U));
    expect(steps).toEqual([`url_to_id.get(${U})`, ...(EXPECTED.v1113?.remove ?? [])]);
  });

  it('head resolves it to a live id first (#1523)', async () => {
    const steps = await stepsOf(byName('head'), A, (reg) => reg.removeByUrl(U));
    expect(steps).toEqual([
      `url_to_id.get(${U})`,
      'workers.contains_key(id1)',
      ...(EXPECTED.head?.remove ?? []),
    ]);
  });
});

describe.each(VERSIONS.filter((impl) => impl.api === 'split').map((impl) => [impl.name, impl] as const))(
  '%s replace diff order',
  (_name, impl) => {
    it('removes dropped models, then adds new ones, then swaps kept ones (§3.3 steps 5-7, §3.4 step 6)', async () => {
      const from = createWorker('K', { url: U, models: ['a', 'k'] });
      const to = createWorker('K2', { url: U, models: ['k', 'b'] });
      const steps = await stepsOf(impl, from, (reg) => reg.replace!('id1', to));
      const indexWrites = steps.filter((s) => /^model_index\.(entry|get_mut)\(/.test(s));
      expect(indexWrites).toEqual(['model_index.get_mut(a)', 'model_index.entry(b)', 'model_index.entry(k)']);
    });
  },
);
