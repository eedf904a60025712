/**
 * One value of a DashMap index (a model's slice with its ring, a type's or connection mode's
 * list): immutable, so an `entry` closure builds the next value from the current one and a value
 * read in one step never changes afterwards, as SMG swaps in a new `Arc<[..]>`.
 */
import type { WorkerId } from '../../determinism/ids.ts';
import type { HashRing } from '../../domain/hashRing.ts';
import type { Worker } from '../../domain/worker.ts';
import { ringOfWorkers } from '../buckets.ts';

export class IndexEntry {
  private ringCache: HashRing | undefined;

  private constructor(
    private readonly members: ReadonlyMap<WorkerId, Worker>,
    /** The previous entry's ring when only a member's object changed (an id keeps its URL). */
    ring?: HashRing,
  ) {
    this.ringCache = ring;
  }

  /** The entry after `id` joined (or its object was swapped in place) in `entry`, which may be absent. */
  static joined(entry: IndexEntry | undefined, id: WorkerId, worker: Worker): IndexEntry {
    const members = new Map(entry?.members);
    const swap = members.has(id);
    members.set(id, worker);
    return new IndexEntry(members, swap ? entry?.ringCache : undefined);
  }

  /** The entry after `id` left `entry`; undefined when it is left empty (no empty slice persists, I3). */
  static left(entry: IndexEntry | undefined, id: WorkerId): IndexEntry | undefined {
    if (entry === undefined || !entry.members.has(id)) return entry;
    const members = new Map(entry.members);
    members.delete(id);
    return members.size === 0 ? undefined : new IndexEntry(members);
  }

  workers(): readonly Worker[] {
    return [...this.members.values()];
  }

  ids(): WorkerId[] {
    return [...this.members.keys()];
  }

  /** The ring of the members' URLs, as the sequential specification looks it up; built on first use. */
  ring(): HashRing {
    this.ringCache ??= ringOfWorkers(this.workers());
    return this.ringCache;
  }
}
