/**
 * Sequential pins of version-specific behaviour the spec describes, defects included, so that a
 * port cannot be "fixed" silently. Races that need an interleaving belong to scheduler tests.
 */
import { describe, expect, it } from 'vitest';
import { createSequentialIds } from '../../src/determinism/ids.ts';
import { VIRTUAL_NODES_PER_WORKER } from '../../src/domain/hashRing.ts';
import { createWorker, UNKNOWN_MODEL_ID } from '../../src/domain/worker.ts';
import { createProductionRuntime } from '../../src/memory/runtime.ts';
import type { Registry } from '../../src/types.ts';
import { VERSIONS } from '../../src/versions/index.ts';

function create(name: string): Registry {
  const impl = VERSIONS.find((candidate) => candidate.name === name);
  if (impl === undefined) throw new Error(`no version ${name}`);
  return impl.create(createProductionRuntime(createSequentialIds()));
}

const U = 'http://w1:8080';
const A = createWorker('A', { url: U, models: ['a'] });
const A2 = createWorker('A2', { url: U, models: ['a'] });

describe('pre714 (§3.1)', () => {
  it('re-registering a URL keeps the old object, doubles the ring weight and duplicates the id', async () => {
    const reg = create('pre714');
    const id = await reg.register(A);
    expect(await reg.register(A2)).toBe(id);

    expect(await reg.getByModel('a')).toEqual([A, A2]);
    expect(reg.inspect().hashRings.get('a')?.vnodeCounts().get(U)).toBe(2 * VIRTUAL_NODES_PER_WORKER);
    expect(await reg.getByType('Regular')).toEqual([A2, A2]);
  });

  it('indexes only model_id()', async () => {
    const reg = create('pre714');
    await reg.register(createWorker('M', { url: U, models: ['x', 'y'] }));
    expect(await reg.getByModel('y')).toHaveLength(0);
  });

  it('remove leaves an empty slice and an empty ring', async () => {
    const reg = create('pre714');
    await reg.register(A);
    await reg.removeByUrl(U);
    const snapshot = reg.inspect();
    expect(snapshot.modelIndex.get('a')).toEqual([]);
    expect(snapshot.hashRings.get('a')?.size).toBe(0);
  });
});

describe('reservations (§3.3, §3.4, §3.5)', () => {
  it('r0 rejects a pre-reserved URL', async () => {
    const reg = create('r0');
    await reg.reserveIdForUrl(U);
    expect(await reg.register(A)).toBeNull();
  });

  it.each(['v836', 'v1113', 'head'])('%s adopts the reserved id', async (name) => {
    const reg = create(name);
    const reserved = await reg.reserveIdForUrl(U);
    expect(await reg.register(A)).toBe(reserved);
  });

  it('v1113 remove_by_url of a bare reservation keeps it and leaks a lock entry', async () => {
    const reg = create('v1113');
    const reserved = await reg.reserveIdForUrl(U);
    expect(await reg.removeByUrl(U)).toBeNull();
    expect(reg.inspect().urlToId.get(U)).toBe(reserved);
    expect(reg.inspect().idLocks?.has(reserved)).toBe(true);
  });

  it('head resolves past the reservation and takes no lock', async () => {
    const reg = create('head');
    await reg.reserveIdForUrl(U);
    expect(await reg.removeByUrl(U)).toBeNull();
    expect(await reg.getByUrl(U)).toBeNull();
    expect(reg.inspect().idLocks?.size).toBe(0);
  });
});

describe('replace (§3.3, §3.4)', () => {
  const moved = createWorker('Moved', { url: 'http://w2:8080', models: ['a'] });

  it('r0 follows a URL change, leaving the old URL routable for a kept model', async () => {
    const reg = create('r0');
    const id = (await reg.register(A))!;
    expect(await reg.replace!(id, moved)).toBe(true);
    expect((await reg.getByModel('a')).map((w) => w.url)).toEqual([U, moved.url]);
  });

  it.each(['v836', 'v1113', 'head'])(
    '%s refuses a URL change and an absent id, leaking lock entries',
    async (name) => {
      const reg = create(name);
      const id = (await reg.register(A))!;
      expect(await reg.replace!(id, moved)).toBe(false);
      expect(await reg.get(id)).toBe(A);
      expect(await reg.replace!('absent', A2)).toBe(false);
      expect(reg.inspect().idLocks?.has('absent')).toBe(true);
    },
  );
});

describe('head rings (§1.4)', () => {
  it('shares the only model ring as the wildcard ring, deduplicates, and spans all URLs', async () => {
    const reg = create('head');
    await reg.register(A);
    const rings = reg.inspect().hashRings;
    expect(rings.get(UNKNOWN_MODEL_ID)).toBe(rings.get('a'));

    await reg.register(createWorker('B', { url: 'http://w2:8080', models: ['b', 'a'] }));
    const counts = reg.inspect().hashRings.get(UNKNOWN_MODEL_ID)?.vnodeCounts();
    expect(counts).toEqual(
      new Map([
        [U, VIRTUAL_NODES_PER_WORKER],
        ['http://w2:8080', VIRTUAL_NODES_PER_WORKER],
      ]),
    );
  });

  it('drops the wildcard ring with the last model and resolves a scheme-less URL', async () => {
    const reg = create('head');
    const id = (await reg.register(A))!;
    expect(await reg.getByUrl('w1:8080')).toBe(A);
    await reg.remove(id);
    expect(reg.inspect().hashRings.size).toBe(0);
  });
});
