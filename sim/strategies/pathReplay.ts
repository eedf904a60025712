/**
 * What the stateless searches (`dfs.ts`, `dpor.ts`) share: a node of the schedule tree is
 * reached again by re-running the scenario along the recorded path of choices to it, which is
 * only sound if the scenario is deterministic. A re-run that meets other runnable tasks, or
 * ends sooner, than when the path was recorded raises a {@link NondeterminismError}, once: the
 * scheduler may turn it into a task's error and go on asking, so after it the search answers
 * with the default and throws the error again from `next()` and `done()`.
 */
import { NondeterminismError } from '../schedule/nondeterminism.ts';
import type { Candidate } from '../scheduler/types.ts';

/** The runnable tasks and their steps' labels, as one comparable string. */
export function runnableTasks(candidates: readonly Candidate[]): string {
  return candidates.map((c) => `${c.task}:${c.label}`).join(' ');
}

/** The replay guard of one stateless search. */
export class PathReplay {
  /** Steps the current run was asked for. */
  private asked = 0;
  private failure: Error | undefined;

  constructor(private readonly strategy: string) {}

  /** The divergence, once a re-run has diverged; the search then only winds down. */
  get divergence(): Error | undefined {
    return this.failure;
  }

  /** Forgets a divergence, for a new scenario. */
  reset(): void {
    this.failure = undefined;
    this.asked = 0;
  }

  /** Throws the divergence again, if there was one. */
  rethrow(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /** Starts a run. */
  begin(): void {
    this.asked = 0;
  }

  /** Notes that the run was asked for choice `step` (0-based). */
  ask(step: number): void {
    this.asked = Math.max(this.asked, step + 1);
  }

  /**
   * The index among `candidates` of `task`, recorded at `step` among the runnable tasks
   * `recorded` (see {@link runnableTasks}), if the same tasks are runnable again.
   */
  replay(candidates: readonly Candidate[], step: number, task: number, recorded: string): number {
    const runnable = runnableTasks(candidates);
    if (recorded !== runnable)
      this.fail(
        step + 1,
        `at step ${step + 1} the runnable tasks were [${runnable}], but [${recorded}] when the same choices were made before`,
      );
    return candidates.findIndex((c) => c.task === task);
  }

  /** Checks, as a run ends, that it went at least as far as the `length` choices it replayed. */
  finish(length: number): void {
    this.rethrow();
    if (this.asked < length)
      this.fail(
        this.asked + 1,
        `the schedule took ${this.asked} steps, but ${length} when the same choices were made before`,
      );
  }

  private fail(step: number, message: string): never {
    this.failure ??= new NondeterminismError(
      step,
      message,
      `${this.strategy}: the scenario is not deterministic, so its schedules cannot be replayed: ${message}`,
    );
    throw this.failure;
  }
}
