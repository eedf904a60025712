/**
 * The actor registry's shared indexes as a Rust port over DashMap would write them: one
 * `DashMap` per index (`SharedMap`), one map call per step, each `entry` closure atomic for its
 * key, and no global commit step. A commit is a sequence of map calls, in the order SMG's
 * `register_inner`, `replace` and `remove` write their maps (spec §3.4, §3.5); the change event
 * is sent last, as `event_tx.send` (one step: the revision counter and the broadcast together).
 *
 * What the URL actor still guarantees: no other command on the same URL runs between its
 * decision and the last step of its commit, and every key of `url_to_id`/`id_to_url` belongs to
 * one URL. What it cannot: a reader, or a command on another URL, sees a commit half applied.
 * Shared values (a model's slice, a type's list) are read-modified-written inside one `entry`
 * call, so concurrent commits for different URLs never lose each other's update, and a model's
 * ring is kept in the same entry as its slice, so it changes in the same step.
 */
import type { WorkerId } from '../../determinism/ids.ts';
import type { ConnectionMode, Worker, WorkerType } from '../../domain/worker.ts';
import { workerModelIds } from '../../domain/worker.ts';
import type { Runtime } from '../../memory/runtime.ts';
import { SharedMap } from '../../memory/SharedMap.ts';
import type { RegistrySnapshot } from '../../types.ts';
import type { ChangeEvent, ChangeStream } from '../changeStream.ts';
import type { CommittedIndex } from '../committedIndex.ts';
import type { Reservation, WorkerRecord } from '../results.ts';
import type { Change, CommitParty } from '../sharedIndex.ts';
import { IndexEntry } from './IndexEntry.ts';

const EMPTY: readonly Worker[] = Object.freeze([]);

/** An event without its revision: `event_tx.send` numbers it. */
type Unnumbered = ChangeEvent extends infer E ? (E extends ChangeEvent ? Omit<E, 'revision'> : never) : never;

export class DashMapIndex implements CommittedIndex {
  private readonly workers: SharedMap<WorkerId, WorkerRecord>;
  /** Live workers and reservations alike. */
  private readonly urlToId: SharedMap<string, WorkerId>;
  private readonly idToUrl: SharedMap<WorkerId, string>;
  private readonly modelIndex: SharedMap<string, IndexEntry>;
  private readonly typeWorkers: SharedMap<WorkerType, IndexEntry>;
  private readonly connectionWorkers: SharedMap<ConnectionMode, IndexEntry>;

  constructor(
    private readonly rt: Runtime,
    private readonly changes: ChangeStream,
  ) {
    this.workers = new SharedMap(rt, 'workers');
    this.urlToId = new SharedMap(rt, 'url_to_id');
    this.idToUrl = new SharedMap(rt, 'id_to_url');
    this.modelIndex = new SharedMap(rt, 'model_index');
    this.typeWorkers = new SharedMap(rt, 'type_workers');
    this.connectionWorkers = new SharedMap(rt, 'connection_workers');
  }

  async commit(change: Change, party: CommitParty): Promise<ChangeEvent> {
    party.assertRunning();
    const event = await this.apply(change);
    party.committed(event);
    return event;
  }

  async lookupId(id: WorkerId): Promise<WorkerRecord | Reservation | undefined> {
    const url = await this.idToUrl.get(id);
    if (url === undefined) return undefined;
    return (await this.workers.get(id)) ?? { id, url };
  }

  async get(id: WorkerId): Promise<WorkerRecord | undefined> {
    return this.workers.get(id);
  }

  async getByUrl(url: string): Promise<WorkerRecord | undefined> {
    const id = await this.urlToId.get(url);
    return id === undefined ? undefined : this.workers.get(id);
  }

  async getByModel(model: string): Promise<readonly Worker[]> {
    return (await this.modelIndex.get(model))?.workers() ?? EMPTY;
  }

  async getByType(type: WorkerType): Promise<readonly Worker[]> {
    return (await this.typeWorkers.get(type))?.workers() ?? EMPTY;
  }

  async getByConnection(mode: ConnectionMode): Promise<readonly Worker[]> {
    return (await this.connectionWorkers.get(mode))?.workers() ?? EMPTY;
  }

  async ringLookup(model: string, key: string): Promise<string | null> {
    return (await this.modelIndex.get(model))?.ring().findHealthyUrl(key) ?? null;
  }

  get liveCount(): number {
    return this.workers.peek().size;
  }

  snapshot(): RegistrySnapshot {
    const lists = <K>(map: SharedMap<K, IndexEntry>) =>
      new Map([...map.peek()].map(([k, e]) => [k, e.ids()]));
    const models = [...this.modelIndex.peek()];
    return {
      workers: new Map([...this.workers.peek()].map(([id, r]) => [id, r.worker])),
      urlToId: new Map(this.urlToId.peek()),
      modelIndex: new Map(models.map(([m, e]) => [m, e.workers()])),
      hashRings: new Map(models.map(([m, e]) => [m, e.ring()])),
      typeWorkers: lists(this.typeWorkers),
      connectionWorkers: lists(this.connectionWorkers),
      indexedModels: workerModelIds,
      wildcardRing: false,
    };
  }

  /** The change's map calls, one step each, then its event; no other URL's commit is excluded. */
  private async apply(change: Change): Promise<ChangeEvent> {
    switch (change.kind) {
      case 'reserve': {
        const { id, url } = change.reservation;
        await this.urlToId.insert(url, id);
        await this.idToUrl.insert(id, url);
        return this.send({ type: 'reserved', url, id, current: change.reservation, previous: null });
      }
      case 'release': {
        const { id, url } = change.reservation;
        await this.urlToId.remove(url);
        await this.idToUrl.remove(id);
        return this.send({ type: 'released', url, id, current: null, previous: change.reservation });
      }
      case 'register': {
        const { id, worker, adopted } = change;
        const record = unpublished({
          id,
          url: worker.url,
          worker,
          createRevision: 0,
          modRevision: 0,
          version: 1,
        });
        await this.workers.insert(id, record);
        if (adopted === null) {
          await this.urlToId.insert(worker.url, id);
          await this.idToUrl.insert(id, worker.url);
        }
        await this.reindex(id, undefined, worker);
        return this.send(
          { type: 'registered', url: worker.url, id, current: record, previous: adopted },
          record,
        );
      }
      case 'replace': {
        const { previous, worker } = change;
        const record = unpublished({ ...previous, worker, version: previous.version + 1 });
        await this.workers.insert(previous.id, record);
        await this.reindex(previous.id, previous.worker, worker);
        return this.send(
          { type: 'replaced', url: previous.url, id: previous.id, current: record, previous },
          record,
        );
      }
      case 'remove': {
        const { previous } = change;
        await this.workers.remove(previous.id);
        await this.urlToId.remove(previous.url);
        await this.idToUrl.remove(previous.id);
        await this.reindex(previous.id, previous.worker, undefined);
        return this.send({ type: 'removed', url: previous.url, id: previous.id, current: null, previous });
      }
    }
  }

  /**
   * Moves `id` from `before`'s index entries to `after`'s, one `entry` call per key: models it
   * leaves, then models it joins or keeps (kept ones swap the object in place, so they have no
   * gap, I7), then the type and connection lists (a changed type leaves before it joins).
   */
  private async reindex(id: WorkerId, before: Worker | undefined, after: Worker | undefined): Promise<void> {
    const oldModels = before === undefined ? [] : workerModelIds(before);
    const newModels = after === undefined ? [] : workerModelIds(after);
    for (const m of oldModels) if (!newModels.includes(m)) await leave(this.modelIndex, m, id);
    for (const m of newModels) await join(this.modelIndex, m, id, after!);
    if (before !== undefined && before.type !== after?.type) await leave(this.typeWorkers, before.type, id);
    if (after !== undefined) await join(this.typeWorkers, after.type, id, after);
    if (before !== undefined && before.mode !== after?.mode)
      await leave(this.connectionWorkers, before.mode, id);
    if (after !== undefined) await join(this.connectionWorkers, after.mode, id, after);
  }

  /**
   * `event_tx.send`: numbers the event with the next revision and appends it, in one step, and
   * stamps a stored record with that revision (see {@link unpublished}).
   */
  private async send(event: Unnumbered, stored?: PublishedRecord): Promise<ChangeEvent> {
    const wait = this.rt.step('event_tx', 'send', event.url);
    if (wait !== undefined) await wait;
    const revision = this.changes.nextRevision;
    if (stored !== undefined) {
      if (stored.version === 1) stored.createRevision = revision;
      stored.modRevision = revision;
    }
    const numbered = { ...event, revision } as ChangeEvent;
    this.changes.append(numbered);
    if (this.rt.simulated) this.rt.note(`${numbered.type} ${numbered.id} @${numbered.revision}`);
    return numbered;
  }
}

/** A stored record whose revisions are written when its event is sent. */
type PublishedRecord = { -readonly [F in keyof WorkerRecord]: WorkerRecord[F] };

/**
 * A record stored before its revision exists: with no global commit step the revision is taken
 * by `event_tx.send`, the commit's last step (as an `AtomicU64` in the record, stored then), so
 * readers of `workers` see the previous revision (0 for a new worker) until the event is sent.
 */
function unpublished(record: WorkerRecord): PublishedRecord {
  return { ...record };
}

function join<K>(map: SharedMap<K, IndexEntry>, key: K, id: WorkerId, worker: Worker): Promise<void> | void {
  return map.entry(key, (entry) => entry.set(IndexEntry.joined(entry.value, id, worker)));
}

function leave<K>(map: SharedMap<K, IndexEntry>, key: K, id: WorkerId): Promise<void> | void {
  return map.entry(key, (entry) => {
    const next = IndexEntry.left(entry.value, id);
    if (next === undefined) entry.delete();
    else entry.set(next);
  });
}
