/**
 * A deletion pass after fast-check's shrinking: fast-check shrinks arrays from the front, so a
 * useless task or operation after the one that matters can survive it. Greedily drop any task,
 * any operation, any setup or post operation, and any unreferenced worker, while the invariant
 * still breaks, until nothing more can go (a 1-minimal scenario with respect to deletion).
 */
import type { InvariantId } from '../../src/invariants/index.ts';
import type { Implementation } from '../../src/types.ts';
import type { Scenario, ScenarioOp } from '../scenario/types.ts';
import { reproduce } from './reproduce.ts';
import type { ScheduleRun } from './runSchedule.ts';

export interface Counterexample {
  readonly scenario: Scenario;
  readonly run: ScheduleRun;
}

/** Every scenario one deletion away from `s`, with the schedule's task names mapped onto it. */
function* deletions(
  s: Scenario,
  names: readonly string[],
): Generator<{ scenario: Scenario; names: string[] }> {
  if (s.tasks.length > 1) {
    for (let t = 0; t < s.tasks.length; t++) {
      const kept = s.tasks.filter((_, i) => i !== t);
      const rename = new Map(kept.map((task, i) => [task.name, `T${i + 1}`]));
      yield {
        scenario: { ...s, tasks: kept.map((task) => ({ ...task, name: rename.get(task.name)! })) },
        names: names.flatMap((n) => (rename.has(n) ? [rename.get(n)!] : [])),
      };
    }
  }
  for (let t = 0; t < s.tasks.length; t++) {
    const task = s.tasks[t]!;
    for (const [from, to] of deletableUnits(task.ops, s)) {
      if (to - from === task.ops.length) continue;
      const tasks = s.tasks.map((x, i) =>
        i === t ? { ...x, ops: x.ops.filter((_, j) => j < from || j >= to) } : x,
      );
      yield { scenario: { ...s, tasks }, names: [...names] };
    }
  }
  for (const part of ['post', 'setup'] as const) {
    for (let o = 0; o < s[part].length; o++) {
      yield { scenario: { ...s, [part]: s[part].filter((_, j) => j !== o) }, names: [...names] };
    }
  }
  const used = new Set(
    [...s.setup, ...s.tasks.flatMap((t) => t.ops), ...s.post].flatMap((op: ScenarioOp) =>
      'worker' in op ? [op.worker] : [],
    ),
  );
  const unused = Object.keys(s.workers).filter((w) => !used.has(w));
  if (unused.length > 0) {
    const workers = Object.fromEntries(Object.entries(s.workers).filter(([w]) => used.has(w)));
    yield { scenario: { ...s, workers }, names: [...names] };
  }
}

/**
 * The operations of a task as deletable ranges [from, to): one operation each, except that the
 * create-worker flow (`reserve` then `registerOrReplace` of a worker at that URL, spec §4) goes
 * as one unit, so shrinking never leaves a bare reservation that the flow would have filled.
 */
function deletableUnits(ops: readonly ScenarioOp[], s: Scenario): [number, number][] {
  const units: [number, number][] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    const next = ops[i + 1];
    if (op.op === 'reserve' && next?.op === 'registerOrReplace' && s.workers[next.worker]?.url === op.url) {
      units.push([i, i + 2]);
      i++;
    } else units.push([i, i + 1]);
  }
  return units;
}

export async function shrinkScenario(
  start: Counterexample,
  impl: Implementation,
  invariant: InvariantId,
  seed: number,
): Promise<Counterexample> {
  let best = start;
  for (let improved = true; improved; ) {
    improved = false;
    const names = best.run.schedule.map((s) => s.task);
    for (const candidate of deletions(best.scenario, names)) {
      const run = await reproduce(candidate.scenario, impl, invariant, candidate.names, seed);
      if (run !== undefined) {
        best = { scenario: candidate.scenario, run };
        improved = true;
        break;
      }
    }
  }
  return best;
}
