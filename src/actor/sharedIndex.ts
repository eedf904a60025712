/**
 * The committed, shared state of the actor registry: live workers, the URL and id maps (which
 * also hold reservations), the model slices with their rings, and the type and connection lists.
 *
 * Linearization: every change an operation makes is applied by `commit`, one atomic step that
 * reads and writes every affected entry (worker record, url/id maps, each model slice and its
 * ring, type and connection lists, revision, change event) with no scheduling point inside; every
 * read is one atomic step too. So a reader sees each operation entirely or not at all: a replace
 * moving a worker from model b to c is never seen in neither or in both. The commit step is the
 * linearization point of every operation that changes something. The URL actor that calls
 * `commit` decided the change in earlier steps; its mailbox guarantees no other operation on that
 * URL ran in between, and entries other URLs share (slices, lists) are read-modified-written
 * inside the step, so changes to other URLs are never lost.
 */
import type { WorkerId } from '../determinism/ids.ts';
import type { ConnectionMode, Worker, WorkerType } from '../domain/worker.ts';
import { workerModelIds } from '../domain/worker.ts';
import { describeValue } from '../memory/describe.ts';
import type { Runtime } from '../memory/runtime.ts';
import type { Stepped } from '../memory/SharedMap.ts';
import type { RegistrySnapshot } from '../types.ts';
import { Bucket, ModelBucket } from './buckets.ts';
import type { ChangeEvent, ChangeStream } from './changeStream.ts';
import type { CommittedIndex } from './committedIndex.ts';
import type { Reservation, WorkerRecord } from './results.ts';

/** A change a URL actor decided, applied by `commit` as a whole. */
export type Change =
  | { readonly kind: 'reserve'; readonly reservation: Reservation }
  | { readonly kind: 'release'; readonly reservation: Reservation }
  | {
      readonly kind: 'register';
      readonly id: WorkerId;
      readonly worker: Worker;
      /** The reservation the new worker takes over, if the URL had one. */
      readonly adopted: Reservation | null;
    }
  | { readonly kind: 'replace'; readonly previous: WorkerRecord; readonly worker: Worker }
  | { readonly kind: 'remove'; readonly previous: WorkerRecord };

/** Whoever a commit is made for (the URL actor), consulted and told inside the commit step. */
export interface CommitParty {
  /** Throws when the party can no longer take the commit (a stopped actor): nothing is applied. */
  assertRunning(): void;
  /** Told of the applied change in the same step, so the party's view moves with the shared one. */
  committed(event: ChangeEvent): void;
}

const EMPTY: readonly Worker[] = Object.freeze([]);

/** The committed shared state, changed only by `commit` and read one step at a time. */
export class SharedIndex implements CommittedIndex {
  private readonly records = new Map<WorkerId, WorkerRecord>();
  /** url → id, live workers and reservations alike (`url_to_id`). */
  private readonly urlToId = new Map<string, WorkerId>();
  /** id → url for the same entries, so id-addressed commands find the owning URL actor. */
  private readonly idToUrl = new Map<WorkerId, string>();
  private readonly models = new Map<string, ModelBucket>();
  private readonly types = new Map<WorkerType, Bucket>();
  private readonly modes = new Map<ConnectionMode, Bucket>();

  constructor(
    private readonly rt: Runtime,
    readonly changes: ChangeStream,
  ) {}

  /** Applies `change` for `party` in one atomic step: the operation's linearization point. */
  commit(change: Change, party: CommitParty): Stepped<ChangeEvent> {
    const wait = this.rt.step('index', 'commit', urlOf(change));
    if (wait === undefined) return this.applyCommit(change, party);
    return wait.then(() => this.applyCommit(change, party));
  }

  /** What `id` names: its live record, its reservation, or undefined. */
  lookupId(id: WorkerId): Stepped<WorkerRecord | Reservation | undefined> {
    return this.read('lookup_id', id, this.readId);
  }

  /** The live record of `id`. */
  get(id: WorkerId): Stepped<WorkerRecord | undefined> {
    return this.read('get', id, this.readRecord);
  }

  /** The live worker at `url`; a reservation reads as absent. */
  getByUrl(url: string): Stepped<WorkerRecord | undefined> {
    return this.read('get_by_url', url, this.readUrl);
  }

  /** `model`'s slice (immutable, shared until the next change). */
  getByModel(model: string): Stepped<readonly Worker[]> {
    return this.read('get_by_model', model, this.readModel);
  }

  /** The workers of `type`. */
  getByType(type: WorkerType): Stepped<readonly Worker[]> {
    return this.read('get_by_type', type, this.readType);
  }

  /** The workers connected by `mode`. */
  getByConnection(mode: ConnectionMode): Stepped<readonly Worker[]> {
    return this.read('get_by_connection', mode, this.readMode);
  }

  /** `get_hash_ring(model).find_healthy_url(key, _ => true)`. */
  ringLookup(model: string, key: string): Stepped<string | null> {
    const wait = this.rt.step('index', 'ring_lookup', model);
    if (wait === undefined) return this.readRing(model, key);
    return wait.then(() => this.noted(this.readRing(model, key)));
  }

  /** Live workers (no step): for sizing and tests, never for decisions. */
  get liveCount(): number {
    return this.records.size;
  }

  /** The state as the structural invariants read it (no step; call at quiescence). */
  snapshot(): RegistrySnapshot {
    const lists = <K>(buckets: ReadonlyMap<K, Bucket>) => new Map([...buckets].map(([k, b]) => [k, b.ids()]));
    return {
      workers: new Map([...this.records].map(([id, r]) => [id, r.worker])),
      urlToId: new Map(this.urlToId),
      modelIndex: new Map([...this.models].map(([m, b]) => [m, b.workers()])),
      hashRings: new Map([...this.models].map(([m, b]) => [m, b.ring()])),
      typeWorkers: lists(this.types),
      connectionWorkers: lists(this.modes),
      indexedModels: workerModelIds,
      wildcardRing: false,
    };
  }

  private apply(change: Change, revision: number): ChangeEvent {
    switch (change.kind) {
      case 'reserve': {
        const { id, url } = change.reservation;
        this.map(url, id);
        return { type: 'reserved', revision, url, id, current: change.reservation, previous: null };
      }
      case 'release': {
        const { id, url } = change.reservation;
        this.unmap(url, id);
        return { type: 'released', revision, url, id, current: null, previous: change.reservation };
      }
      case 'register': {
        const { id, worker } = change;
        const record: WorkerRecord = {
          id,
          url: worker.url,
          worker,
          createRevision: revision,
          modRevision: revision,
          version: 1,
        };
        this.records.set(id, record);
        this.map(worker.url, id);
        this.reindex(id, undefined, worker);
        return {
          type: 'registered',
          revision,
          url: worker.url,
          id,
          current: record,
          previous: change.adopted,
        };
      }
      case 'replace': {
        const { previous, worker } = change;
        // Spelled out: an object spread here costs more than the rest of the commit.
        const record: WorkerRecord = {
          id: previous.id,
          url: previous.url,
          worker,
          createRevision: previous.createRevision,
          modRevision: revision,
          version: previous.version + 1,
        };
        this.records.set(previous.id, record);
        this.reindex(previous.id, previous.worker, worker);
        return { type: 'replaced', revision, url: previous.url, id: previous.id, current: record, previous };
      }
      case 'remove': {
        const { previous } = change;
        this.records.delete(previous.id);
        this.unmap(previous.url, previous.id);
        this.reindex(previous.id, previous.worker, undefined);
        return { type: 'removed', revision, url: previous.url, id: previous.id, current: null, previous };
      }
    }
  }

  private map(url: string, id: WorkerId): void {
    this.urlToId.set(url, id);
    this.idToUrl.set(id, url);
  }

  private unmap(url: string, id: WorkerId): void {
    this.urlToId.delete(url);
    this.idToUrl.delete(id);
  }

  /** Moves `id` from `before`'s index entries to `after`'s (either may be absent). */
  private reindex(id: WorkerId, before: Worker | undefined, after: Worker | undefined): void {
    const oldModels = before === undefined ? [] : workerModelIds(before);
    const newModels = after === undefined ? [] : workerModelIds(after);
    for (const m of oldModels) if (!newModels.includes(m)) leave(this.models, m, id);
    for (const m of newModels) join(this.models, m, id, after!, () => new ModelBucket());
    if (before !== undefined && before.type !== after?.type) leave(this.types, before.type, id);
    if (after !== undefined) join(this.types, after.type, id, after, () => new Bucket());
    if (before !== undefined && before.mode !== after?.mode) leave(this.modes, before.mode, id);
    if (after !== undefined) join(this.modes, after.mode, id, after, () => new Bucket());
  }

  private applyCommit(change: Change, party: CommitParty): ChangeEvent {
    party.assertRunning();
    const event = this.apply(change, this.changes.nextRevision);
    this.changes.append(event);
    party.committed(event);
    if (this.rt.simulated) this.rt.note(`${event.type} ${event.id} @${event.revision}`);
    return event;
  }

  /**
   * One atomic read step. The body is a method taking the key (not a closure) because this is
   * the hot path of every read and every id-addressed command.
   */
  private read<K, R>(op: string, key: K, body: (this: SharedIndex, key: K) => R): Stepped<R> {
    const wait = this.rt.step('index', op, key);
    if (wait === undefined) return body.call(this, key);
    return wait.then(() => this.noted(body.call(this, key)));
  }

  /** Notes a read's result in the simulator's trace. */
  private noted<R>(result: R): R {
    this.rt.note(`→ ${describe(result)}`);
    return result;
  }

  private readId(id: WorkerId): WorkerRecord | Reservation | undefined {
    const url = this.idToUrl.get(id);
    if (url === undefined) return undefined;
    return this.records.get(id) ?? { id, url };
  }

  private readRecord(id: WorkerId): WorkerRecord | undefined {
    return this.records.get(id);
  }

  private readUrl(url: string): WorkerRecord | undefined {
    const id = this.urlToId.get(url);
    return id === undefined ? undefined : this.records.get(id);
  }

  private readModel(model: string): readonly Worker[] {
    return this.models.get(model)?.workers() ?? EMPTY;
  }

  private readType(type: WorkerType): readonly Worker[] {
    return this.types.get(type)?.workers() ?? EMPTY;
  }

  private readMode(mode: ConnectionMode): readonly Worker[] {
    return this.modes.get(mode)?.workers() ?? EMPTY;
  }

  private readRing(model: string, key: string): string | null {
    return this.models.get(model)?.ring().findHealthyUrl(key) ?? null;
  }
}

function urlOf(change: Change): string {
  switch (change.kind) {
    case 'reserve':
    case 'release':
      return change.reservation.url;
    case 'register':
      return change.worker.url;
    case 'replace':
    case 'remove':
      return change.previous.url;
  }
}

function describe(value: unknown): string {
  if (value !== null && typeof value === 'object' && 'id' in value && 'url' in value) {
    return 'worker' in value
      ? `${String(value.id)}=${describeValue(value.worker)}`
      : `reserved ${String(value.id)}`;
  }
  return describeValue(value);
}

function join<K, B extends Bucket>(
  buckets: Map<K, B>,
  key: K,
  id: WorkerId,
  worker: Worker,
  create: () => B,
): void {
  let bucket = buckets.get(key);
  if (bucket === undefined) {
    bucket = create();
    buckets.set(key, bucket);
  }
  bucket.set(id, worker);
}

/** Removes `id`; an entry left empty is dropped, as no empty slice may persist (I3). */
function leave<K>(buckets: Map<K, Bucket>, key: K, id: WorkerId): void {
  const bucket = buckets.get(key);
  if (bucket === undefined) return;
  bucket.delete(id);
  if (bucket.size === 0) buckets.delete(key);
}
