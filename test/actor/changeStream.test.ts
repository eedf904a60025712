/** Revision numbering, per-worker revisions, and the change stream: order, contents, resume, compaction. */
import { describe, expect, it } from 'vitest';
import { type ChangeEvent, ChangeStream } from '../../src/actor/changeStream.ts';
import { createRegistry, unwrap, worker } from './helpers.ts';

const U = 'http://w1:8000';
const V = 'http://w2:8000';

describe('revisions', () => {
  it('every commit takes the next registry revision; answers without a change take none', async () => {
    const reg = createRegistry();
    expect(reg.revision).toBe(0);
    const r = unwrap(await reg.reserveIdForUrl(U)); // 1
    unwrap(await reg.reserveIdForUrl(U)); // same reservation: no change
    const a = unwrap(await reg.register(worker('A', U, ['a']))); // 2
    await reg.register(worker('A2', U, ['a'])); // AlreadyExists: no change
    const b = unwrap(await reg.registerOrReplace(worker('B', V, ['b']))); // 3
    const a2 = unwrap(await reg.replace(a.id, worker('A3', U, ['c']))); // 4
    const a3 = unwrap(await reg.registerOrReplace(worker('A4', U, ['c']))); // 5
    await reg.remove('unknown'); // NotFound: no change
    unwrap(await reg.removeByUrl(V)); // 6
    expect(reg.revision).toBe(6);

    expect(a).toMatchObject({ id: r.id, createRevision: 2, modRevision: 2, version: 1 });
    expect(b).toMatchObject({ createRevision: 3, modRevision: 3, version: 1 });
    expect(a2).toMatchObject({ id: r.id, createRevision: 2, modRevision: 4, version: 2 });
    expect(a3).toMatchObject({ id: r.id, createRevision: 2, modRevision: 5, version: 3 });
  });

  it('a worker registered again after removal starts a new id at version 1', async () => {
    const reg = createRegistry();
    const first = unwrap(await reg.register(worker('A', U, ['a'])));
    unwrap(await reg.remove(first.id));
    const second = unwrap(await reg.register(worker('A', U, ['a'])));
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ createRevision: 3, modRevision: 3, version: 1 });
  });
});

describe('change events', () => {
  it('carry the type, revision, current and previous value of each commit', async () => {
    const reg = createRegistry();
    const events: ChangeEvent[] = [];
    reg.subscribe((e) => events.push(e));
    const reservation = unwrap(await reg.reserveIdForUrl(U));
    const created = unwrap(await reg.register(worker('A', U, ['a'])));
    const replaced = unwrap(await reg.replace(created.id, worker('A2', U, ['a'])));
    unwrap(await reg.removeByUrl(U));
    const second = unwrap(await reg.reserveIdForUrl(V));
    unwrap(await reg.releaseReservation(V));

    expect(events).toEqual([
      { type: 'reserved', revision: 1, url: U, id: reservation.id, current: reservation, previous: null },
      { type: 'registered', revision: 2, url: U, id: created.id, current: created, previous: reservation },
      { type: 'replaced', revision: 3, url: U, id: created.id, current: replaced, previous: created },
      { type: 'removed', revision: 4, url: U, id: created.id, current: null, previous: replaced },
      { type: 'reserved', revision: 5, url: V, id: second.id, current: second, previous: null },
      { type: 'released', revision: 6, url: V, id: second.id, current: null, previous: second },
    ]);
  });

  it('concurrent commands on many URLs yield revisions 1..n in order, without gaps or duplicates', async () => {
    const reg = createRegistry();
    const seen: number[] = [];
    reg.subscribe((e) => seen.push(e.revision));
    const urls = Array.from({ length: 20 }, (_, i) => `http://w${i}:8000`);
    await Promise.all(
      urls.flatMap((url, i) => [reg.register(worker(`A${i}`, url, ['m'])), reg.removeByUrl(url)]),
    );
    await Promise.all(urls.map((url, i) => reg.registerOrReplace(worker(`B${i}`, url, ['m']))));
    expect(seen).toEqual(Array.from({ length: reg.revision }, (_, i) => i + 1));
    expect(seen.length).toBeGreaterThanOrEqual(40);
  });

  it('a subscriber resumes from a retained revision and then follows live commits', async () => {
    const reg = createRegistry({ retainedEvents: 4 });
    for (let i = 0; i < 6; i++) unwrap(await reg.register(worker(`A${i}`, `http://w${i}:8000`, ['m'])));
    const seen: number[] = [];
    const subscription = unwrap(reg.subscribe((e) => seen.push(e.revision), 4));
    expect(seen).toEqual([4, 5, 6]);
    unwrap(await reg.removeByUrl('http://w0:8000'));
    expect(seen).toEqual([4, 5, 6, 7]);
    subscription.unsubscribe();
    unwrap(await reg.removeByUrl('http://w1:8000'));
    expect(seen).toEqual([4, 5, 6, 7]);
    expect(unwrap(reg.changesSince(7)).map((e) => e.type)).toEqual(['removed', 'removed']);
  });

  it('a revision older than the retained window answers Compacted', async () => {
    const reg = createRegistry({ retainedEvents: 4 });
    for (let i = 0; i < 6; i++) unwrap(await reg.register(worker(`A${i}`, `http://w${i}:8000`, ['m'])));
    const answer = reg.subscribe(() => {}, 2);
    expect(answer).toMatchObject({ ok: false, reason: 'Compacted', requested: 2, oldestRetained: 3 });
    expect(answer.ok ? '' : answer.reason === 'Compacted' ? answer.message : '').toMatch(/compacted/);
    expect(reg.changesSince(1)).toMatchObject({ ok: false, reason: 'Compacted' });
    expect(reg.subscribe(() => {}, 0)).toMatchObject({ ok: false, reason: 'Invalid' });
  });

  it('a future revision waits for it', async () => {
    const reg = createRegistry();
    const seen: number[] = [];
    unwrap(reg.subscribe((e) => seen.push(e.revision), 2));
    unwrap(await reg.reserveIdForUrl(U));
    unwrap(await reg.reserveIdForUrl(V));
    expect(seen).toEqual([2]);
  });

  it('a listener that throws is closed with its error; the command still answers', async () => {
    const reg = createRegistry();
    const boom = new Error('listener failed');
    const failing = unwrap(
      reg.subscribe(() => {
        throw boom;
      }),
    );
    const seen: number[] = [];
    reg.subscribe((e) => seen.push(e.revision));
    expect((await reg.reserveIdForUrl(U)).ok).toBe(true);
    expect((await reg.reserveIdForUrl(V)).ok).toBe(true);
    expect(failing.error).toBe(boom);
    expect(failing.nextRevision).toBe(2);
    expect(seen).toEqual([1, 2]);
  });
});

describe('ChangeStream window', () => {
  it('keeps exactly the last `retain` revisions', () => {
    const stream = new ChangeStream(3);
    for (let r = 1; r <= 5; r++) {
      stream.append({
        type: 'reserved',
        revision: r,
        url: `u${r}`,
        id: `id${r}`,
        current: { id: `id${r}`, url: `u${r}` },
        previous: null,
      });
    }
    expect(stream.oldestRetained).toBe(3);
    expect(unwrap(stream.since(3)).map((e) => e.revision)).toEqual([3, 4, 5]);
    expect(stream.since(2)).toMatchObject({ ok: false, reason: 'Compacted' });
  });

  it('refuses an event out of revision order', () => {
    const stream = new ChangeStream(3);
    expect(() =>
      stream.append({
        type: 'reserved',
        revision: 2,
        url: 'u',
        id: 'i',
        current: { id: 'i', url: 'u' },
        previous: null,
      }),
    ).toThrow(/revision 2 appended after 0/);
  });
});
