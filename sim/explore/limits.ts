/**
 * Budgets and stopping rules that wrap a stream of schedules (Shuttle wraps its schedulers the
 * same way), instead of flags inside the loops that drive a strategy. Each stops asking its
 * source for more once it is done, which stops the strategy too.
 */
import type { ExploredSchedule } from './run.ts';

type Schedules = AsyncIterable<ExploredSchedule>;

/** At most `count` schedules. */
export async function* limitSchedules(source: Schedules, count: number): AsyncGenerator<ExploredSchedule> {
  if (count <= 0) return;
  let taken = 0;
  for await (const schedule of source) {
    yield schedule;
    if (++taken >= count) return;
  }
}

/** Schedules while `clock()` is less than `budgetMs` past `started`, checked before each one. */
export async function* limitTime(
  source: Schedules,
  budgetMs: number,
  clock: () => number,
  started: number = clock(),
): AsyncGenerator<ExploredSchedule> {
  if (clock() - started >= budgetMs) return;
  for await (const schedule of source) {
    yield schedule;
    if (clock() - started >= budgetMs) return;
  }
}

/** Schedules up to and including the first for which `stop` holds (`--until-first`). */
export async function* stopAfter(
  source: Schedules,
  stop: (schedule: ExploredSchedule) => boolean,
): AsyncGenerator<ExploredSchedule> {
  for await (const schedule of source) {
    yield schedule;
    if (stop(schedule)) return;
  }
}
