/**
 * The shared entries of a scenario and how many steps each task takes on them, for SURW.
 *
 * An entry is a key of a target, or the whole target for a call on it (key `''` or `'*'`: `iter`,
 * `len`, a mutex's `lock`). A step touches an entry as `touchesSameEntry` (`conflicts.ts`) has it:
 * the same key, a whole-target call or a whole-target operation touching every entry of its
 * target, and a write under guard touching the guarded target's entry too. An entry is *shared*
 * when at least two tasks touch it and one of those steps writes (SURW's profiler also drops
 * memory no one writes: reads of it commute, so their order cannot matter). Steps on entries one
 * task alone touches are private: their order against other tasks' steps changes nothing anyone
 * observes.
 *
 * The profile learns from executed steps, run after run: an entry a later schedule shows to be
 * shared (another branch taken) is shared from then on, and each task's count on an entry is the
 * largest any run showed. Entries are named by key, so an id allocated differently in another
 * schedule reads as another entry.
 */
import { isWrite, touchesSameEntry } from '../scheduler/conflicts.ts';
import type { Access } from '../scheduler/types.ts';

/** An executed step as the profile sees it: which task made which access. */
export interface TaskAccess extends Access {
  readonly task: number;
}

/** A shared entry and the most steps each task (by index) took on it in one run. */
export interface SharedEntry {
  readonly target: string;
  /** The key as a string; `'*'` for the whole target. */
  readonly key: string;
  readonly counts: readonly number[];
}

/** What SURW knows of a scenario's shared entries. */
export interface SharedStepProfile {
  /** Learns a run's executed steps. */
  add(trace: readonly TaskAccess[]): void;
  /** The shared entries seen so far, in the order first seen. */
  shared(): readonly SharedEntry[];
  /** Whether `step` touches `entry`. */
  touches(step: Access, entry: SharedEntry): boolean;
}

/** An entry seen in some run, shared or not yet. */
interface Entry {
  readonly target: string;
  readonly key: string;
  /** The entry as an access that touches exactly it (a keyed read). */
  readonly access: Access;
  readonly tasks: Set<number>;
  written: boolean;
  counts: number[];
}

const isWildcard = (key: unknown) => key === '' || key === '*';
const entryId = (target: string, key: string) => `${target}\u0001${key}`;
const stepSignature = (a: Access) => `${a.target}\u0001${a.op}\u0001${String(a.key)}`;

export function createSharedStepProfile(): SharedStepProfile {
  const entries = new Map<string, Entry>();
  // The entries a step touches, by its signature; cleared when an entry is added.
  let touched = new Map<string, Entry[]>();

  const entriesTouched = (step: Access): Entry[] => {
    const sig = stepSignature(step);
    let list = touched.get(sig);
    if (list === undefined) {
      list = [...entries.values()].filter((e) => touchesSameEntry(step, e.access));
      touched.set(sig, list);
    }
    return list;
  };

  return {
    add(trace) {
      for (const step of trace) {
        if (step.target === undefined || step.op === undefined) continue;
        const key = isWildcard(step.key) ? '*' : String(step.key);
        const id = entryId(step.target, key);
        if (entries.has(id)) continue;
        const access = { target: step.target, op: 'get', key };
        entries.set(id, { target: step.target, key, access, tasks: new Set(), written: false, counts: [] });
        touched = new Map();
      }
      const run = new Map<Entry, number[]>();
      for (const step of trace) {
        if (step.target === undefined || step.op === undefined) continue;
        for (const entry of entriesTouched(step)) {
          entry.tasks.add(step.task);
          if (isWrite(step)) entry.written = true;
          const counts = run.get(entry) ?? [];
          run.set(entry, counts);
          counts[step.task] = (counts[step.task] ?? 0) + 1;
        }
      }
      for (const [entry, counts] of run) {
        const length = Math.max(entry.counts.length, counts.length);
        entry.counts = Array.from({ length }, (_, t) => Math.max(entry.counts[t] ?? 0, counts[t] ?? 0));
      }
    },
    shared() {
      return [...entries.values()].filter((e) => e.tasks.size >= 2 && e.written);
    },
    touches(step, entry) {
      return touchesSameEntry(step, { target: entry.target, op: 'get', key: entry.key });
    },
  };
}

/** Steps per task (by index; `tasks` at least) of `trace` that touch an entry shared in `trace`. */
export function sharedStepCounts(trace: readonly TaskAccess[], tasks = 0): number[] {
  const profile = createSharedStepProfile();
  profile.add(trace);
  const shared = profile.shared();
  const counts = new Array<number>(tasks).fill(0);
  for (const step of trace) {
    while (counts.length <= step.task) counts.push(0);
    if (shared.some((entry) => profile.touches(step, entry))) counts[step.task]!++;
  }
  return counts;
}
