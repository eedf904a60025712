/**
 * Budgets and stopping rules that wrap a stream of schedules (Shuttle wraps its schedulers the
 * same way), instead of flags inside the loops that drive a strategy. Each stops asking its
 * source for more once it is done, which stops the strategy too.
 */

/** At most `count` schedules. */
export async function* limitSchedules<T>(source: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  if (count <= 0) return;
  let taken = 0;
  for await (const schedule of source) {
    yield schedule;
    if (++taken >= count) return;
  }
}

/** Schedules while `clock()` is less than `budgetMs` past `started`, checked before each one. */
export async function* limitTime<T>(
  source: AsyncIterable<T>,
  budgetMs: number,
  clock: () => number,
  started: number = clock(),
): AsyncGenerator<T> {
  if (clock() - started >= budgetMs) return;
  for await (const schedule of source) {
    yield schedule;
    if (clock() - started >= budgetMs) return;
  }
}

/** Schedules up to and including the first for which `stop` holds (`--until-first`). */
export async function* stopAfter<T>(
  source: AsyncIterable<T>,
  stop: (schedule: T) => boolean,
): AsyncGenerator<T> {
  for await (const schedule of source) {
    yield schedule;
    if (stop(schedule)) return;
  }
}
