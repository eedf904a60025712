/**
 * Wall and process CPU time of tinybench tasks, per operation. CPU time (user + system) is the
 * steadier figure on a shared host, where wall time also counts the time other processes held
 * the CPU.
 */
import type { Bench } from 'tinybench';

/** µs per operation. */
export interface Cell {
  readonly wall: number;
  readonly cpu: number;
}

/**
 * Adds a task whose process CPU time over its timed iterations (warm-up left out) is recorded in
 * `cpuTotal` under its name. `setUp` runs before the warm-up, `tearDown` after the timed run
 * (both untimed).
 */
export function addCpuTimedTask(
  bench: Bench,
  name: string,
  fn: () => Promise<unknown>,
  cpuTotal: Map<string, number>,
  hooks: { setUp?: () => Promise<void>; tearDown?: () => Promise<void> } = {},
): void {
  let cpuAtStart = process.cpuUsage();
  bench.add(name, fn, {
    // Told rather than detected: detection calls `fn` before `setUp` has run.
    async: true,
    beforeAll: async (mode) => {
      if (mode === 'warmup') await hooks.setUp?.();
      else cpuAtStart = process.cpuUsage();
    },
    afterAll: async (mode) => {
      if (mode !== 'run') return;
      const used = process.cpuUsage(cpuAtStart);
      cpuTotal.set(name, used.user + used.system);
      await hooks.tearDown?.();
    },
  });
}

/** Wall and CPU µs per operation of every task of a finished bench; a task runs `opsOf(name)` per iteration. */
export function usPerOp(
  bench: Bench,
  cpuTotal: ReadonlyMap<string, number>,
  opsOf: (name: string) => number,
): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const task of bench.tasks) {
    const cpu = cpuTotal.get(task.name);
    if (task.result.state === 'errored') throw new Error(`${task.name}: ${task.result.error.message}`);
    if (task.result.state !== 'completed' || cpu === undefined)
      throw new Error(`${task.name}: ${task.result.state}`);
    const n = opsOf(task.name);
    cells.set(task.name, { wall: (task.result.period * 1000) / n, cpu: cpu / task.runs / n });
  }
  return cells;
}
