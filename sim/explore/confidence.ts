/**
 * PCT's guarantee (Burckhardt et al., ASPLOS 2010): one schedule of a program with n tasks and
 * k steps finds a given bug of depth d with probability at least 1/(n·k^(d−1)). After N
 * independent schedules without a violation, such a bug was missed with probability at most
 * (1 − p)^N.
 */
export interface PctConfidence {
  readonly tasks: number;
  readonly steps: number;
  readonly depth: number;
  readonly perSchedule: number;
  readonly missProbability: number;
}

export function pctConfidence(tasks: number, steps: number, depth: number, schedules: number): PctConfidence {
  const n = Math.max(tasks, 1);
  const k = Math.max(steps, 1);
  const perSchedule = 1 / (n * k ** (depth - 1));
  return { tasks: n, steps: k, depth, perSchedule, missProbability: (1 - perSchedule) ** schedules };
}
