/**
 * The registry's indexes as plain text rows, and a before/after comparison of two such views.
 * A `RegistrySnapshot` holds the registry's live maps, so a report copies what it shows the
 * moment it is taken; text rows are also what an HTML page prints.
 */
import type { Worker } from '../../src/domain/worker.ts';
import type { RegistrySnapshot } from '../../src/types.ts';

/** One key of an index and what it maps to, in words. */
export interface IndexEntry {
  readonly key: string;
  readonly value: string;
}

/** One of the registry's maps, named as in the Rust source (`url_to_id`, `model_index`, …). */
export interface IndexTable {
  readonly name: string;
  readonly entries: readonly IndexEntry[];
}

/** Every index of a registry at one moment. */
export type IndexesView = readonly IndexTable[];

/** How an entry differs between two views. */
export type EntryChange = 'same' | 'added' | 'removed' | 'changed';

/** One key of an index before and after (undefined where the key is absent). */
export interface EntryDiff {
  readonly key: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
  readonly change: EntryChange;
}

/** One index compared between two moments. */
export interface TableDiff {
  readonly name: string;
  readonly entries: readonly EntryDiff[];
}

/** Natural order, so `id2` comes before `id10`. */
const naturalOrder = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

const table = (name: string, entries: IndexEntry[]): IndexTable => ({
  name,
  entries: entries.sort((a, b) => naturalOrder(a.key, b.key)),
});

const list = (items: readonly string[]): string => `[${items.join(', ')}]`;

/**
 * Copies a snapshot's maps into text. A model-index entry that is not the live worker object
 * is marked `(stale)`: the model-index invariant compares object identity, and a stale object
 * with the same label would otherwise look correct.
 */
export function describeIndexes(snapshot: RegistrySnapshot): IndexesView {
  const live = new Set<Worker>(snapshot.workers.values());
  const tables: IndexTable[] = [
    table(
      'workers',
      [...snapshot.workers].map(([id, w]) => ({
        key: id,
        value: `${w.label} ${w.url} models ${list(w.models)} ${w.type}/${w.mode}`,
      })),
    ),
    table(
      'url_to_id',
      [...snapshot.urlToId].map(([url, id]) => ({ key: url, value: id })),
    ),
    table(
      'model_index',
      [...snapshot.modelIndex].map(([model, workers]) => ({
        key: model,
        value: list(workers.map((w) => `${w.label}@${w.url}${live.has(w) ? '' : ' (stale)'}`)),
      })),
    ),
    table(
      'hash_rings',
      [...snapshot.hashRings].map(([model, ring]) => ({
        key: model,
        value: [...ring.vnodeCounts()].map(([url, n]) => `${url}×${n}`).join(', '),
      })),
    ),
    table(
      'type_workers',
      [...snapshot.typeWorkers].map(([type, ids]) => ({ key: type, value: list(ids) })),
    ),
    table(
      'connection_workers',
      [...snapshot.connectionWorkers].map(([mode, ids]) => ({ key: mode, value: list(ids) })),
    ),
  ];
  if (snapshot.idLocks !== undefined) {
    tables.push(
      table(
        'worker_mutation_locks',
        [...snapshot.idLocks.keys()].map((id) => ({ key: id, value: 'lock entry' })),
      ),
    );
  }
  return tables;
}

/**
 * Compares two views table by table (tables only one side has are compared with an empty one);
 * keys in natural order.
 */
export function diffIndexes(before: IndexesView, after: IndexesView): TableDiff[] {
  const names = [...new Set([...before.map((t) => t.name), ...after.map((t) => t.name)])];
  return names.map((name) => {
    const old = new Map((before.find((t) => t.name === name)?.entries ?? []).map((e) => [e.key, e.value]));
    const now = new Map((after.find((t) => t.name === name)?.entries ?? []).map((e) => [e.key, e.value]));
    const keys = [...new Set([...old.keys(), ...now.keys()])].sort(naturalOrder);
    return {
      name,
      entries: keys.map((key): EntryDiff => {
        const b = old.get(key);
        const a = now.get(key);
        const change: EntryChange =
          b === undefined ? 'added' : a === undefined ? 'removed' : a === b ? 'same' : 'changed';
        return { key, before: b, after: a, change };
      }),
    };
  });
}
