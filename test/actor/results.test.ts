/** Every reason code of the typed API, with the current value it carries, and input validation. */
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../src/actor/changeStream.ts';
import type { ConnectionMode, Worker, WorkerType } from '../../src/domain/worker.ts';
import { createRegistry, unwrap, worker } from './helpers.ts';

const U = 'http://w1:8000';
const A = worker('A', U, ['a']);
const A2 = worker('A2', U, ['b']);

describe('Ok', () => {
  it('register stores the worker and answers its record', async () => {
    const reg = createRegistry();
    const record = unwrap(await reg.register(A));
    expect(record).toEqual({ id: 'id1', url: U, worker: A, createRevision: 1, modRevision: 1, version: 1 });
    expect(await reg.get('id1')).toEqual(record);
    expect((await reg.getByUrl(U))?.worker).toBe(A);
  });
});

describe('AlreadyExists', () => {
  it('register of a live URL carries the live record and changes nothing', async () => {
    const reg = createRegistry();
    const live = unwrap(await reg.register(A));
    expect(await reg.register(A2)).toEqual({ ok: false, reason: 'AlreadyExists', current: live });
    expect(await reg.getByModel('b')).toEqual([]);
    expect(reg.revision).toBe(1);
  });

  it('reserveIdForUrl of a live URL carries the live record', async () => {
    const reg = createRegistry();
    const live = unwrap(await reg.register(A));
    expect(await reg.reserveIdForUrl(U)).toEqual({ ok: false, reason: 'AlreadyExists', current: live });
  });
});

describe('NotFound', () => {
  it('replace and remove of an unknown id carry null', async () => {
    const reg = createRegistry();
    expect(await reg.replace('nope', A)).toEqual({ ok: false, reason: 'NotFound', current: null });
    expect(await reg.remove('nope')).toEqual({ ok: false, reason: 'NotFound', current: null });
  });

  it('replace and remove of a reserved id carry the reservation and keep it', async () => {
    const reg = createRegistry();
    const reservation = unwrap(await reg.reserveIdForUrl(U));
    expect(await reg.replace(reservation.id, A)).toEqual({
      ok: false,
      reason: 'NotFound',
      current: reservation,
    });
    expect(await reg.remove(reservation.id)).toEqual({ ok: false, reason: 'NotFound', current: reservation });
    expect(reg.inspect().urlToId.get(U)).toBe(reservation.id);
  });

  it('removeByUrl of a bare reservation answers NotFound and keeps it (spec: None)', async () => {
    const reg = createRegistry();
    const reservation = unwrap(await reg.reserveIdForUrl(U));
    expect(await reg.removeByUrl(U)).toEqual({ ok: false, reason: 'NotFound', current: reservation });
    expect(unwrap(await reg.register(A)).id).toBe(reservation.id);
  });

  it('removeByUrl of a vacant URL carries null', async () => {
    expect(await createRegistry().removeByUrl(U)).toEqual({ ok: false, reason: 'NotFound', current: null });
  });

  it('releaseReservation of a live URL carries the live record and leaves it', async () => {
    const reg = createRegistry();
    const live = unwrap(await reg.register(A));
    expect(await reg.releaseReservation(U)).toEqual({ ok: false, reason: 'NotFound', current: live });
    expect(await reg.get(live.id)).toEqual(live);
  });

  it('replace of a removed id answers NotFound even when its URL is live again', async () => {
    const reg = createRegistry();
    const first = unwrap(await reg.register(A));
    unwrap(await reg.removeByUrl(U));
    unwrap(await reg.register(A2));
    expect(await reg.replace(first.id, A)).toEqual({ ok: false, reason: 'NotFound', current: null });
  });
});

describe('Conflict (compare-and-set on modRevision)', () => {
  it('a stale expectedModRevision is refused with the current record', async () => {
    const reg = createRegistry();
    const created = unwrap(await reg.register(A));
    const replaced = unwrap(
      await reg.replace(created.id, worker('A1', U, ['a']), { expectedModRevision: 1 }),
    );
    expect(replaced.modRevision).toBe(2);
    const stale = await reg.replace(created.id, A2, { expectedModRevision: 1 });
    expect(stale).toEqual({ ok: false, reason: 'Conflict', current: replaced, expectedModRevision: 1 });
    expect((await reg.get(created.id))?.worker.label).toBe('A1');
  });

  it('two writers with the same token: exactly one wins', async () => {
    const reg = createRegistry();
    const { id, modRevision } = unwrap(await reg.register(A));
    const results = await Promise.all([
      reg.replace(id, worker('X', U, ['x']), { expectedModRevision: modRevision }),
      reg.replace(id, worker('Y', U, ['y']), { expectedModRevision: modRevision }),
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.reason)).sort()).toEqual(['Conflict', 'ok']);
  });
});

describe('Invalid', () => {
  const causesOf = async (w: Worker) => {
    const reg = createRegistry();
    const events: ChangeEvent[] = [];
    reg.subscribe((e) => events.push(e));
    const result = await reg.register(w);
    // Nothing stored, no event, no revision, no actor left behind.
    expect(reg.inspect().workers.size).toBe(0);
    expect(events).toEqual([]);
    expect(reg.revision).toBe(0);
    expect(reg.actorCount).toBe(0);
    if (result.ok || result.reason !== 'Invalid')
      throw new Error(`expected Invalid, got ${JSON.stringify(result)}`);
    return result.causes.map((c) => `${c.field}:${c.code}`);
  };

  it.each([
    ['empty URL', worker('E', '', ['a']), ['url:empty']],
    ['URL with whitespace', worker('E', 'http://a b', ['a']), ['url:malformed']],
    ['URL with a scheme that does not parse', worker('E', 'http://', ['a']), ['url:malformed']],
    ['duplicate models', worker('E', U, ['a', 'b', 'a']), ['models:duplicate']],
    ['empty model id', worker('E', U, ['']), ['models:malformed']],
    ['unknown type', worker('E', U, ['a'], { type: 'Router' as WorkerType }), ['type:unknown']],
    ['unknown mode', worker('E', U, ['a'], { mode: 'Zmq' as ConnectionMode }), ['mode:unknown']],
    ['NaN cost', worker('E', U, ['a'], { cost: Number.NaN }), ['cost:non-finite']],
    ['infinite cost', worker('E', U, ['a'], { cost: Number.POSITIVE_INFINITY }), ['cost:non-finite']],
    ['negative priority', worker('E', U, ['a'], { priority: -1 }), ['priority:out-of-range']],
  ])('%s', async (_name, w, expected) => {
    expect(await causesOf(w)).toEqual(expected);
  });

  it('reports every cause at once', async () => {
    const w = worker('E', '', ['a', 'a'], { cost: Number.NaN, mode: 'Zmq' as ConnectionMode });
    expect(await causesOf(w)).toEqual(['url:empty', 'models:duplicate', 'mode:unknown', 'cost:non-finite']);
  });

  it('accepts bare host:port keys and DP URLs', async () => {
    const reg = createRegistry();
    for (const url of ['w1:8000', 'U', 'http://10.0.0.1:8000@3', 'grpc://w2:50051']) {
      expect((await reg.register(worker('V', url, ['a']))).ok).toBe(true);
    }
  });

  it('a replace that changes the URL is Invalid, carries the current record and changes nothing', async () => {
    const reg = createRegistry();
    const live = unwrap(await reg.register(A));
    const moved = await reg.replace(live.id, worker('M', 'http://w2:8000', ['a']));
    expect(moved).toMatchObject({ ok: false, reason: 'Invalid', current: live });
    expect(moved.ok || moved.reason !== 'Invalid' ? [] : moved.causes.map((c) => c.code)).toEqual([
      'url-changed',
    ]);
    expect(reg.revision).toBe(1);
  });

  it('an expectedModRevision that is not a revision is Invalid', async () => {
    const reg = createRegistry();
    const { id } = unwrap(await reg.register(A));
    expect(await reg.replace(id, A, { expectedModRevision: 0 })).toMatchObject({
      ok: false,
      reason: 'Invalid',
    });
  });

  it('URL-addressed commands validate the URL', async () => {
    const reg = createRegistry();
    for (const result of [
      await reg.removeByUrl(''),
      await reg.reserveIdForUrl(' '),
      await reg.releaseReservation(''),
    ]) {
      expect(result).toMatchObject({ ok: false, reason: 'Invalid' });
    }
    expect(reg.actorCount).toBe(0);
  });
});
