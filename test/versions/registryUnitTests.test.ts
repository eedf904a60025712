/**
 * The SMG registry's own unit tests (spec §7), ported to every version they apply to and run in
 * production mode. Not ported: the health-checker tests (PRE), `test_model_retry_config_*` (V821),
 * the mesh, event, status-transition, origin, alias and wildcard tests of later versions: none of
 * that is modelled (no registry steps).
 *
 * `stats()`, `len()` and `get_models()` are not part of the simulator's `Registry`; they are read
 * from `inspect()` exactly as spec §3.4's table defines them (`workers.len()`, the keys of
 * non-empty `model_index` slices).
 */
import { describe, expect, it } from 'vitest';
import { createSequentialIds, type WorkerId } from '../../src/determinism/ids.ts';
import { createWorker, type Worker } from '../../src/domain/worker.ts';
import { createProductionRuntime } from '../../src/memory/runtime.ts';
import type { Implementation, Registry } from '../../src/types.ts';
import { VERSIONS } from '../../src/versions/index.ts';

const named = (impls: readonly Implementation[]) => impls.map((impl) => [impl.name, impl] as const);
const SPLIT = VERSIONS.filter((impl) => impl.api === 'split');
const UPSERT = VERSIONS.filter((impl) => impl.api === 'upsert');
/** V756 onwards index every model of a worker; PRE indexes only `model_id()`. */
const MULTI_MODEL = VERSIONS.filter((impl) => impl.name !== 'pre714');

function createRegistry(impl: Implementation): Registry {
  const rt = createProductionRuntime(createSequentialIds());
  return impl.create(rt);
}

/** `register(w)` for the upsert API, `register(w).unwrap()` for the split API. */
async function registerUnwrapped(reg: Registry, w: Worker): Promise<WorkerId> {
  const id = await reg.register(w);
  expect(id).not.toBeNull();
  return id!;
}

/** `stats().total_workers` and `stats().total_models`. */
function stats(reg: Registry): { totalWorkers: number; totalModels: number } {
  const snapshot = reg.inspect();
  return { totalWorkers: snapshot.workers.size, totalModels: getModels(reg).length };
}

/** `get_models()`, sorted as the Rust tests sort it. */
function getModels(reg: Registry): string[] {
  const models = [...reg.inspect().modelIndex].filter(([, slice]) => slice.length > 0).map(([m]) => m);
  return models.sort();
}

const urlsOf = async (workers: Promise<readonly Worker[]>) => (await workers).map((w) => w.url);

describe.each(named(VERSIONS))('%s: PRE unit tests', (_name, impl) => {
  it('test_worker_registry', async () => {
    const reg = createRegistry(impl);
    // The api_key is not modelled.
    const w = createWorker('A', {
      url: 'http://worker1:8080',
      labels: { model_id: 'llama-3-8b' },
      priority: 50,
      cost: 0.8,
    });
    const id = await registerUnwrapped(reg, w);

    expect(await reg.get(id)).toBe(w);
    expect(await reg.getByUrl('http://worker1:8080')).toBe(w);
    expect(await reg.getByModel('llama-3-8b')).toHaveLength(1);
    expect(await reg.getByType('Regular')).toHaveLength(1);
    expect(await reg.getByConnection('Http')).toHaveLength(1);
    expect(stats(reg)).toEqual({ totalWorkers: 1, totalModels: 1 });

    await reg.remove(id);
    expect(await reg.get(id)).toBeNull();
  });

  it('test_model_index_fast_lookup', async () => {
    const reg = createRegistry(impl);
    const w1 = createWorker('W1', { url: 'http://worker1:8080', labels: { model_id: 'llama-3' } });
    const w2 = createWorker('W2', { url: 'http://worker2:8080', labels: { model_id: 'llama-3' } });
    const w3 = createWorker('W3', { url: 'http://worker3:8080', labels: { model_id: 'gpt-4' } });
    for (const w of [w1, w2, w3]) await registerUnwrapped(reg, w);

    expect((await urlsOf(reg.getByModel('llama-3'))).sort()).toEqual([w1.url, w2.url]);
    expect(await urlsOf(reg.getByModel('gpt-4'))).toEqual([w3.url]);
    expect(await reg.getByModel('unknown-model')).toHaveLength(0);

    await reg.removeByUrl(w1.url);
    expect(await urlsOf(reg.getByModel('llama-3'))).toEqual([w2.url]);
  });
});

describe.each(named(MULTI_MODEL))('%s: V756 multi-model test', (_name, impl) => {
  it('test_multi_model_worker_is_indexed_for_each_model', async () => {
    const reg = createRegistry(impl);
    const w = createWorker('A', {
      url: 'https://api.openai.com',
      models: ['gpt-4o', 'text-embedding-3-large'],
    });
    await registerUnwrapped(reg, w);

    expect(await urlsOf(reg.getByModel('gpt-4o'))).toEqual([w.url]);
    expect(await urlsOf(reg.getByModel('text-embedding-3-large'))).toEqual([w.url]);
    expect(getModels(reg)).toEqual(['gpt-4o', 'text-embedding-3-large']);
    expect(stats(reg)).toEqual({ totalWorkers: 1, totalModels: 2 });
  });
});

const first = createWorker('A', { url: 'https://api.openai.com', models: ['gpt-4o'] });
const second = createWorker('B', { url: 'https://api.openai.com', models: ['o3', 'o4-mini'] });

/** The assertions V756's re-register test and V836's renamed replace test share. */
async function expectRefreshedToSecond(reg: Registry): Promise<void> {
  expect(stats(reg).totalWorkers).toBe(1);
  expect(await reg.getByModel('gpt-4o')).toHaveLength(0);
  expect(await reg.getByModel('o3')).toHaveLength(1);
  expect(await reg.getByModel('o4-mini')).toHaveLength(1);
  expect(await reg.getByType('Regular')).toHaveLength(1);
  expect(await reg.getByConnection('Http')).toHaveLength(1);
  expect(getModels(reg)).toEqual(['o3', 'o4-mini']);
}

// PRE is excluded: the test was added by #756 to pin the fix of PRE's accumulation.
describe.each(named(UPSERT.filter((impl) => impl.name !== 'pre714')))(
  '%s: V756 re-register test',
  (_name, impl) => {
    it('test_re_register_same_url_refreshes_all_model_indexes', async () => {
      const reg = createRegistry(impl);
      const firstId = await registerUnwrapped(reg, first);
      const secondId = await registerUnwrapped(reg, second);

      expect(secondId).toBe(firstId);
      await expectRefreshedToSecond(reg);
    });
  },
);

describe.each(named(SPLIT))('%s: V836 unit tests', (_name, impl) => {
  it('test_replace_same_url_refreshes_all_model_indexes', async () => {
    const reg = createRegistry(impl);
    const firstId = await registerUnwrapped(reg, first);
    expect(await reg.register(second)).toBeNull();
    expect(await reg.replace!(firstId, second)).toBe(true);
    await expectRefreshedToSecond(reg);
  });

  it('test_register_or_replace_upsert', async () => {
    const reg = createRegistry(impl);
    const firstId = await reg.registerOrReplace!(first);
    const secondId = await reg.registerOrReplace!(second);

    expect(secondId).toBe(firstId);
    expect(stats(reg).totalWorkers).toBe(1);
    expect(await reg.getByModel('gpt-4o')).toHaveLength(0);
    expect(await reg.getByModel('o3')).toHaveLength(1);
    expect(await reg.getByModel('o4-mini')).toHaveLength(1);
  });

  it('test_register_rejects_duplicate_url', async () => {
    const reg = createRegistry(impl);
    expect(await reg.register(first)).not.toBeNull();
    expect(await reg.register(second)).toBeNull();
    expect(stats(reg).totalWorkers).toBe(1);
  });
});
