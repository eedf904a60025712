/** Registry-level actor lifecycle: actors follow live URLs, stop rejects, and the per-URL trace. */
import { describe, expect, it } from 'vitest';
import { ActorRegistry } from '../../src/actor/ActorRegistry.ts';
import { ActorStoppedError } from '../../src/actor/Mailbox.ts';
import { checkStructure } from '../../src/invariants/index.ts';
import { createGatedRuntime, createRegistry, unwrap, worker } from './helpers.ts';

const U = 'http://w1:8000';

/** Settles every promise or fails after `ms`: a hanging caller fails the test instead of the run. */
async function settleWithin<T>(
  promises: readonly Promise<T>[],
  ms = 2_000,
): Promise<PromiseSettledResult<T>[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`a caller was left hanging for ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([Promise.allSettled(promises), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('memory follows live URLs', () => {
  it('registering then removing 10,000 URLs leaves no live actor and no index entry', async () => {
    const reg = createRegistry();
    const urls = Array.from({ length: 10_000 }, (_, i) => `http://w${i}:8000`);
    await Promise.all(urls.map((url, i) => reg.register(worker(`W${i}`, url, [`m${i % 7}`]))));
    expect(reg.actorCount).toBe(10_000);
    expect(reg.liveCount).toBe(10_000);
    const removed = await Promise.all(urls.map((url) => reg.removeByUrl(url)));
    expect(removed.every((r) => r.ok)).toBe(true);
    expect(reg.actorCount).toBe(0);
    expect(reg.liveCount).toBe(0);
    const snapshot = reg.inspect();
    expect([snapshot.urlToId.size, snapshot.modelIndex.size, snapshot.typeWorkers.size]).toEqual([0, 0, 0]);
  });

  it('reads and refused commands on unknown URLs spawn no actor', async () => {
    const reg = createRegistry();
    await reg.getByUrl(U);
    await reg.removeByUrl(U);
    await reg.releaseReservation(U);
    await reg.remove('id9');
    expect(reg.actorCount).toBe(0);
  });

  it('a reserved URL keeps its actor until the reservation is released', async () => {
    const reg = createRegistry();
    unwrap(await reg.reserveIdForUrl(U));
    expect(reg.actorCount).toBe(1);
    unwrap(await reg.releaseReservation(U));
    expect(reg.actorCount).toBe(0);
  });

  it('an actor with waiting commands is not forgotten when its URL becomes vacant', async () => {
    const gate = createGatedRuntime();
    const reg = new ActorRegistry(gate.rt);
    unwrap(await reg.register(worker('A', U, ['a'])));
    gate.hold('index.commit');
    // The removal is admitted and parks before its commit; the register waits in U's mailbox.
    const removing = reg.removeByUrl(U);
    const registering = reg.register(worker('B', U, ['b']));
    gate.open();
    expect((await removing).ok && (await registering).ok).toBe(true);
    expect(reg.actorCount).toBe(1);
    expect(checkStructure(reg.inspect())).toEqual([]);
  });
});

describe('stop', () => {
  it('rejects waiting commands and later ones; an admitted command that has not committed changes nothing', async () => {
    const gate = createGatedRuntime();
    const reg = new ActorRegistry(gate.rt);
    gate.hold('index.commit');
    // The first is admitted and parks before its commit; the others wait in U's mailbox.
    const pending = [0, 1, 2].map((i) => reg.registerOrReplace(worker(`A${i}`, U, ['a'])));
    reg.stop();
    const late = reg.register(worker('L', 'http://w2:8000', ['a']));
    gate.open();
    const settled = await settleWithin([...pending, late]);
    for (const outcome of settled) {
      expect(outcome.status).toBe('rejected');
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ActorStoppedError);
    }
    expect(reg.revision).toBe(0);
    expect(reg.inspect().workers.size).toBe(0);
  });

  it('a command that committed before the stop still answers', async () => {
    const reg = createRegistry();
    const done = await reg.register(worker('A', U, ['a']));
    reg.stop();
    expect(done.ok).toBe(true);
    await expect(reg.removeByUrl(U)).rejects.toBeInstanceOf(ActorStoppedError);
    expect(reg.liveCount).toBe(1);
  });
});

describe('per-URL trace', () => {
  it('records each URL actor’s states and events, including a command waiting in the mailbox', async () => {
    const trace = new Map<string, string[]>();
    const gate = createGatedRuntime();
    const reg = new ActorRegistry(gate.rt, {
      onTransition: ({ url, event, state }) =>
        trace.set(url, [...(trace.get(url) ?? []), `${event}→${state}`]),
    });
    gate.hold('index.commit');
    const both = [reg.register(worker('A', U, ['a'])), reg.register(worker('B', U, ['b']))];
    gate.open();
    const [a, b] = await Promise.all(both);
    expect([a?.ok, b?.ok]).toEqual([true, false]);
    unwrap(await reg.removeByUrl(U));
    expect(trace.get(U)).toEqual([
      'xstate.init→vacant.idle',
      'ENQUEUE→vacant.busy',
      'ENQUEUE→vacant.busy',
      'REGISTERED→live.busy',
      'DONE→live.idle',
      'ENQUEUE→live.busy',
      'REMOVED→vacant.idle',
      'STOP→stopped',
    ]);
  });
});
