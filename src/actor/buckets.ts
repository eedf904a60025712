/**
 * The members of one index entry (a model's slice, a type's or connection mode's list), keyed by
 * worker id. Updates are O(1); the list a reader gets is built on first read after a change and
 * then shared, and never mutated afterwards, so a value handed out stays as it was read.
 */
import type { WorkerId } from '../determinism/ids.ts';
import { HashRing } from '../domain/hashRing.ts';
import type { Worker } from '../domain/worker.ts';

/** One index entry's members (see the file comment). */
export class Bucket {
  private readonly members = new Map<WorkerId, Worker>();
  private list: readonly Worker[] | undefined;

  get size(): number {
    return this.members.size;
  }

  set(id: WorkerId, worker: Worker): void {
    const joined = !this.members.has(id);
    this.members.set(id, worker);
    this.changed(joined);
  }

  delete(id: WorkerId): void {
    this.members.delete(id);
    this.changed(true);
  }

  ids(): WorkerId[] {
    return [...this.members.keys()];
  }

  /** The members as an immutable list, shared until the next change. */
  workers(): readonly Worker[] {
    if (this.list === undefined) this.list = Object.freeze([...this.members.values()]);
    return this.list;
  }

  /** @param membership whether the set of ids changed (not only a member's worker object). */
  protected changed(_membership: boolean): void {
    this.list = undefined;
  }
}

/**
 * A model's slice and its hash ring. The ring is a function of the set of the slice's URLs
 * (spec §1.4, HEAD's `fromUniqueUrls` over sorted URLs, exactly what the sequential
 * specification looks up), so it changes in the same step as the slice; building its 150
 * vnodes per URL is deferred to the first lookup after a change.
 */
/** The ring of a model's members as the sequential specification looks it up: their URLs, sorted. */
export function ringOfWorkers(workers: readonly Worker[]): HashRing {
  return HashRing.fromUniqueUrls(workers.map((w) => w.url).sort());
}

export class ModelBucket extends Bucket {
  private ringCache: HashRing | undefined;

  ring(): HashRing {
    this.ringCache ??= ringOfWorkers(this.workers());
    return this.ringCache;
  }

  /** An id keeps its URL for life, so swapping a member's worker object keeps the ring. */
  protected override changed(membership: boolean): void {
    super.changed(membership);
    if (membership) this.ringCache = undefined;
  }
}
