/**
 * The canonical form of a scenario up to symmetry: two scenarios that differ only by a renaming
 * of URLs, models, worker types or connection modes, by the names of workers, bound ids or tasks,
 * or by the order of their concurrent tasks, have the same key.
 *
 * Why these are symmetries: every implementation treats URLs, model ids, types and modes as
 * opaque keys of its maps, compared only for equality (the one special model id, `"unknown"`,
 * is in no universe; the hash ring places URLs by their hash, but the invariants judge a ring by
 * its URL set and vnode count, and no universe scenario looks a key up on a ring). Workers and ids
 * are only ever named; tasks are identical clients, so their order is only a naming of the schedule.
 *
 * The key is the smallest, over every order of the tasks, of the scenario renamed by first use
 * in that order (setup, then the tasks, then the post part): a renaming or a task permutation of a
 * scenario yields the same set of candidates, hence the same key.
 */
import { CONNECTION_MODES, WORKER_TYPES, type WorkerSpec } from '../../src/domain/worker.ts';
import { operationKind } from '../../src/spec/operations.ts';
import type { Scenario, ScenarioArguments, ScenarioOp } from '../scenario/types.ts';

/** Names given in order of first use. */
class FirstUse {
  private readonly names = new Map<string, string>();
  constructor(private readonly fresh: (n: number) => string) {}
  name(value: string): string {
    let name = this.names.get(value);
    if (name === undefined) {
      name = this.fresh(this.names.size);
      this.names.set(value, name);
    }
    return name;
  }
}

/** The renamings of one candidate: one per kind of name. */
interface Renaming {
  readonly url: FirstUse;
  readonly model: FirstUse;
  readonly type: FirstUse;
  readonly mode: FirstUse;
  readonly id: FirstUse;
}

function renaming(): Renaming {
  return {
    url: new FirstUse((n) => `u${n}`),
    model: new FirstUse((n) => `m${n}`),
    // Canonical types and modes stay valid ones while there are enough of them.
    type: new FirstUse((n) => WORKER_TYPES[n] ?? `t${n}`),
    mode: new FirstUse((n) => CONNECTION_MODES[n] ?? `c${n}`),
    id: new FirstUse((n) => `i${n}`),
  };
}

/** A worker by its content, renamed: its name is not part of what it is. */
function renameWorker(spec: WorkerSpec, r: Renaming): unknown[] {
  const labels = Object.entries(spec.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    r.url.name(spec.url),
    (spec.models ?? []).map((m) => r.model.name(m)),
    r.type.name(spec.type ?? 'Regular'),
    r.mode.name(spec.mode ?? 'Http'),
    spec.priority ?? 50,
    spec.cost ?? 1,
    labels,
  ];
}

/** One operation renamed, as a plain array (its kind, then its arguments in table order). */
function renameOp(scenario: Scenario, op: ScenarioOp, r: Renaming): unknown[] {
  const written: Partial<ScenarioArguments> = op;
  const out: unknown[] = [op.op];
  for (const name of operationKind(op.op).arguments) {
    const value = written[name]!;
    if (name === 'worker') out.push(renameWorker(scenario.workers[value]!, r));
    else if (name === 'id') out.push(r.id.name(value));
    else if (name === 'url') out.push(r.url.name(value));
    else if (name === 'model') out.push(r.model.name(value));
    else if (name === 'type') out.push(r.type.name(value));
    else if (name === 'mode') out.push(r.mode.name(value));
    else out.push(value);
  }
  if ('as' in op && op.as !== undefined) out.push(['as', r.id.name(op.as)]);
  return out;
}

/** The orders of `n` items, each as the list of indexes, in lexicographic order. */
export function* permutations(n: number): Generator<number[]> {
  const order = Array.from({ length: n }, (_, i) => i);
  const used = new Array<boolean>(n).fill(false);
  const current: number[] = [];
  function* extend(): Generator<number[]> {
    if (current.length === n) {
      yield [...current];
      return;
    }
    for (const i of order) {
      if (used[i]) continue;
      used[i] = true;
      current.push(i);
      yield* extend();
      current.pop();
      used[i] = false;
    }
  }
  yield* extend();
}

/**
 * The canonical key of `scenario`: equal for two scenarios exactly when one is the other up to
 * the symmetries above. A scripted schedule names tasks, so a scenario with one is its own class.
 */
export function canonicalKey(scenario: Scenario): string {
  let best: string | undefined;
  for (const order of permutations(scenario.tasks.length)) {
    const r = renaming();
    const setup = scenario.setup.map((op) => renameOp(scenario, op, r));
    const tasks = order.map((t) => scenario.tasks[t]!.ops.map((op) => renameOp(scenario, op, r)));
    const post = scenario.post.map((op) => renameOp(scenario, op, r));
    const key = JSON.stringify([setup, tasks, post]);
    if (best === undefined || key < best) best = key;
  }
  const key = best ?? '';
  return scenario.schedule === undefined ? key : `${key}|${JSON.stringify(scenario.schedule)}`;
}
