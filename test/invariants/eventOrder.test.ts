/**
 * `event-order` (src/invariants/eventOrder.ts) on hand-made event logs: a log that tells each
 * change passes; each way a log can disagree with the registry is reported with the event.
 */
import { describe, expect, it } from 'vitest';
import type { WorkerId } from '../../src/determinism/ids.ts';
import { createWorker, type Worker, workerModelIds } from '../../src/domain/worker.ts';
import type { RegistryEvent } from '../../src/events.ts';
import { checkEventOrder } from '../../src/invariants/eventOrder.ts';
import type { RegistrySnapshot } from '../../src/types.ts';

const A = createWorker('A', { url: 'U', models: ['a'] });
const B = createWorker('B', { url: 'U', models: ['b'] });

/** The state the invariant compares the log with: only `workers` matters to it. */
function liveAre(workers: [WorkerId, Worker][]): RegistrySnapshot {
  return {
    workers: new Map(workers),
    urlToId: new Map(workers.map(([id, w]) => [w.url, id])),
    modelIndex: new Map(),
    hashRings: new Map(),
    typeWorkers: new Map(),
    connectionWorkers: new Map(),
    indexedModels: workerModelIds,
    wildcardRing: false,
  };
}

const registered = (id: WorkerId, w: Worker, revision?: number): RegistryEvent => ({
  type: 'registered',
  id,
  url: w.url,
  current: w,
  previous: null,
  revision,
});
const replaced = (id: WorkerId, previous: Worker, current: Worker, revision?: number): RegistryEvent => ({
  type: 'replaced',
  id,
  url: current.url,
  current,
  previous,
  revision,
});
const removed = (id: WorkerId, previous: Worker, revision?: number): RegistryEvent => ({
  type: 'removed',
  id,
  url: previous.url,
  current: null,
  previous,
  revision,
});
const messages = (events: RegistryEvent[], live: [WorkerId, Worker][], gapless = false) =>
  checkEventOrder({ gapless, events }, liveAre(live)).map((v) => v.message);

describe('event-order', () => {
  it('passes a log whose replay gives the live workers', () => {
    expect(messages([registered('id1', A), replaced('id1', A, B)], [['id1', B]])).toEqual([]);
    expect(messages([registered('id1', A, 1), removed('id1', A, 2)], [], true)).toEqual([]);
  });

  it('reports a Removed before any Registered of its id (I9)', () => {
    expect(messages([removed('id1', A), registered('id1', A)], [['id1', A]])).toContainEqual(
      expect.stringMatching(/event 1 \(removed id1 A\) comes before any Registered of id1 \(I9\)/),
    );
  });

  it('reports an event whose previous value is not what the id held', () => {
    expect(messages([registered('id1', A), removed('id1', B)], [])).toEqual([
      'event 2 (removed id1 B) reports a previous B, but id1 held A (from event 1)',
    ]);
  });

  it('reports a live worker the events say was removed, and one they never registered', () => {
    expect(messages([registered('id1', A), removed('id1', A)], [['id1', A]])).toEqual([
      'id1 (A) is live, but the last event a subscriber saw for it removed it',
    ]);
    expect(messages([], [['id2', B]])).toEqual(['id2 (B) is live, but no event registered it']);
  });

  it('reports revisions out of order, and a gap only where the stream promises none', () => {
    const outOfOrder = [registered('id1', A, 2), registered('id2', B, 1)];
    const live: [WorkerId, Worker][] = [
      ['id1', A],
      ['id2', B],
    ];
    expect(messages(outOfOrder, live)).toEqual([
      'event 2 (registered id2 B @1) follows revision 2: revisions must increase',
    ]);
    const gap = [registered('id1', A, 1), registered('id2', B, 3)];
    expect(messages(gap, live)).toEqual([]);
    expect(messages(gap, live, true)).toEqual([
      'event 2 (registered id2 B @3) follows revision 1: the stream promises no gap and no duplicate',
    ]);
  });
});
