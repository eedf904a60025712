/**
 * The fix for `racy-registry.ts`: every write to a URL runs under that URL's lock, so a check
 * and the insert it guards, or a remove and a register in progress, can no longer interleave —
 * the per-URL serialisation that regsim's `actor` registry makes explicit with one actor per URL.
 * `npx regsim fuzz --impl ./examples/plugins/fixed-registry.ts` finds nothing.
 */
import { type Implementation, LockTable } from 'regsim';
import { createRacyRegistry, EXAMPLE_OPERATIONS } from './racy-registry.js';

const implementation: Implementation = {
  name: 'fixed-registry',
  description: 'the racy registry with every write serialised per URL',
  api: 'split',
  operations: EXAMPLE_OPERATIONS,
  create: (rt) => {
    const inner = createRacyRegistry(rt);
    const locks = new LockTable<string>(rt, 'url_locks');
    const underLock = async <T>(url: string, body: () => Promise<T>): Promise<T> => {
      const mutex = await locks.mutexFor(url);
      await mutex.lock();
      try {
        return await body();
      } finally {
        mutex.unlock();
      }
    };
    return {
      ...inner,
      register: (w) => underLock(w.url, () => inner.register(w)),
      removeByUrl: (url) => underLock(url, () => inner.removeByUrl(url)),
      remove: async (id) => {
        const w = await inner.get(id);
        // The worker may be gone by the time the lock is held: the inner remove then finds nothing.
        return w === null ? null : underLock(w.url, () => inner.remove(id));
      },
    };
  },
};

export default implementation;
