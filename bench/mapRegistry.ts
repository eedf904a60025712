/**
 * The floor for the registry benchmarks (`registryThroughput.ts`, `memory.ts`): the split-API
 * registry as plain synchronous `Map`s with no concurrency control at all (correct only because
 * nothing interleaves). It shares the actor registry's index buckets (cached slices, rings built
 * on first lookup), so the difference between the two is the cost of actors, mailboxes, steps
 * and awaits, not of the indexes.
 */
import { Bucket, ModelBucket } from '../src/actor/buckets.ts';
import type { IdSource, WorkerId } from '../src/determinism/ids.ts';
import { type Worker, workerModelIds } from '../src/domain/worker.ts';

export class MapRegistry {
  private readonly workers = new Map<WorkerId, Worker>();
  private readonly urlToId = new Map<string, WorkerId>();
  private readonly models = new Map<string, ModelBucket>();
  private readonly types = new Map<string, Bucket>();
  private readonly modes = new Map<string, Bucket>();

  constructor(private readonly ids: IdSource) {}

  register(w: Worker): WorkerId | null {
    const existing = this.urlToId.get(w.url);
    if (existing !== undefined && this.workers.has(existing)) return null;
    const id = existing ?? this.ids.next();
    this.urlToId.set(w.url, id);
    this.workers.set(id, w);
    this.index(id, w);
    return id;
  }

  replace(id: WorkerId, w: Worker): boolean {
    const old = this.workers.get(id);
    if (old === undefined || old.url !== w.url) return false;
    this.unindex(id, old);
    this.workers.set(id, w);
    this.index(id, w);
    return true;
  }

  removeByUrl(url: string): Worker | null {
    const id = this.urlToId.get(url);
    const w = id === undefined ? undefined : this.workers.get(id);
    if (id === undefined || w === undefined) return null;
    this.workers.delete(id);
    this.urlToId.delete(url);
    this.unindex(id, w);
    return w;
  }

  getByUrl(url: string): Worker | null {
    const id = this.urlToId.get(url);
    return id === undefined ? null : (this.workers.get(id) ?? null);
  }

  getByModel(model: string): readonly Worker[] {
    return this.models.get(model)?.workers() ?? [];
  }

  ringLookup(model: string, key: string): string | null {
    return this.models.get(model)?.ring().findHealthyUrl(key) ?? null;
  }

  /** Live workers (for the benchmarks' sanity checks). */
  get size(): number {
    return this.workers.size;
  }

  private index(id: WorkerId, w: Worker): void {
    for (const m of workerModelIds(w)) bucket(this.models, m, () => new ModelBucket()).set(id, w);
    bucket(this.types, w.type, () => new Bucket()).set(id, w);
    bucket(this.modes, w.mode, () => new Bucket()).set(id, w);
  }

  private unindex(id: WorkerId, w: Worker): void {
    for (const m of workerModelIds(w)) drop(this.models, m, id);
    drop(this.types, w.type, id);
    drop(this.modes, w.mode, id);
  }
}

function bucket<B extends Bucket>(buckets: Map<string, B>, key: string, create: () => B): B {
  let b = buckets.get(key);
  if (b === undefined) {
    b = create();
    buckets.set(key, b);
  }
  return b;
}

function drop(buckets: Map<string, Bucket>, key: string, id: WorkerId): void {
  const b = buckets.get(key);
  if (b === undefined) return;
  b.delete(id);
  if (b.size === 0) buckets.delete(key);
}
