/**
 * The controlled scheduler: logical tasks (async functions) run one at a time and switch only
 * at scheduling points (`Runtime.step`), where a `Chooser` picks the next task. A whole phase
 * runs inside one macrotask as a chain of microtasks, so a task that awaits anything the
 * scheduler does not control is detected (status `escaped`) instead of hanging the run.
 */
import type { IdSource } from '../../src/determinism/ids.ts';
import type { NestedAccess, Runtime, Suspension } from '../../src/memory/runtime.ts';
import type { Candidate, Chooser, PhaseOutcome, PhaseStatus, TaskSpec, TraceEvent } from './types.ts';

type TaskStatus = 'runnable' | 'running' | 'blocked' | 'done';

interface TaskState {
  readonly index: number;
  readonly name: string;
  status: TaskStatus;
  /** The step the task waits before (when runnable or blocked). */
  label: string;
  /** That step's access (`Candidate.target/op/key`); undefined after a suspension. */
  target: string | undefined;
  op: string | undefined;
  key: unknown;
  nested: readonly NestedAccess[] | undefined;
  /** The task as a candidate for its current step, made once per step (candidates are immutable). */
  candidate: Candidate | undefined;
  /** Resumes the task when it is picked. */
  resume: (() => void) | undefined;
}

export interface PhaseOptions {
  readonly chooser: Chooser;
  /** Steps after which the phase stops with `step-limit`. */
  readonly stepLimit: number;
}

/** A promise that never settles: what an abandoned task waits on once a phase has ended. */
const NEVER = new Promise<void>(() => {});

export class Scheduler implements Runtime {
  readonly simulated = true;
  private tasks: TaskState[] = [];
  private current: TaskState | undefined;
  private trace: TraceEvent[] = [];
  private steps = 0;
  private previous = -1;
  private starting = false;
  private options: PhaseOptions | undefined;
  private errors = new Map<string, unknown>();
  private finish: ((status: PhaseStatus) => void) | undefined;
  private logicalTime = 0;
  private chooserError: unknown;

  constructor(readonly ids: IdSource) {}

  /** Steps taken so far in the current phase (the trace index of the next step). */
  get stepCount(): number {
    return this.steps;
  }

  /** A logical timestamp: strictly increasing across steps, calls and returns. */
  tick(): number {
    return ++this.logicalTime;
  }

  /**
   * Runs tasks until all finish, or deadlock, the step limit or an escape. Tasks start in order
   * and run to their first scheduling point before the first choice is made.
   */
  async runPhase(specs: readonly TaskSpec[], options: PhaseOptions): Promise<PhaseOutcome> {
    this.tasks = specs.map((spec, index) => ({
      index,
      name: spec.name,
      status: 'running',
      label: 'start',
      target: undefined,
      op: undefined,
      key: undefined,
      nested: undefined,
      candidate: undefined,
      resume: undefined,
    }));
    this.trace = [];
    this.steps = 0;
    this.previous = -1;
    this.errors = new Map();
    this.chooserError = undefined;
    this.options = options;
    const finished = new Promise<PhaseStatus>((resolve) => {
      this.finish = resolve;
    });
    this.starting = true;
    for (const task of this.tasks) {
      this.current = task;
      specs[task.index]!.body().then(
        () => this.taskEnded(task),
        (error: unknown) => {
          this.errors.set(task.name, error);
          this.taskEnded(task);
        },
      );
    }
    this.starting = false;
    this.current = undefined;
    this.decide();
    const watchdog = setImmediate(() => this.end('escaped'));
    const status = await finished;
    clearImmediate(watchdog);
    if (this.chooserError !== undefined) throw this.chooserError;
    return {
      status,
      steps: this.steps,
      trace: this.trace,
      errors: this.errors,
      unfinished: this.tasks
        .filter((t) => t.status !== 'done')
        .map((t) => ({ task: t.index, name: t.name, label: t.label })),
    };
  }

  step(
    target: string,
    op: string,
    key: unknown,
    nested?: readonly NestedAccess[],
  ): Promise<void> | undefined {
    const task = this.current;
    if (task === undefined) throw new Error(`step ${target}.${op} outside a scheduled task`);
    task.label = key === '' || key === '*' ? `${target}.${op}()` : `${target}.${op}(${String(key)})`;
    task.target = target;
    task.op = op;
    task.key = key;
    task.nested = nested;
    task.candidate = undefined;
    task.status = 'runnable';
    if (this.starting) return this.parked(task);
    return this.decide(task);
  }

  note(text: string): void {
    const last = this.trace[this.trace.length - 1];
    if (last !== undefined) last.note = last.note === undefined ? text : `${last.note} ${text}`;
  }

  suspend(reason: string): Suspension {
    const task = this.current;
    if (task === undefined) throw new Error(`suspend (${reason}) outside a scheduled task`);
    task.status = 'blocked';
    task.label = reason;
    task.target = undefined;
    task.op = undefined;
    task.key = undefined;
    task.nested = undefined;
    task.candidate = undefined;
    const resumed = this.parked(task);
    this.current = undefined;
    if (!this.starting) this.decide();
    return {
      resumed,
      wake: () => {
        if (task.status === 'blocked') task.status = 'runnable';
      },
    };
  }

  /**
   * Picks the next task. Returns undefined when the yielding task itself goes on, or the
   * promise the yielding task waits on until it is picked again.
   */
  private decide(yielding?: TaskState): Promise<void> | undefined {
    const options = this.options;
    if (options === undefined || this.finish === undefined) return NEVER;
    const candidates: Candidate[] = [];
    let allDone = true;
    let starting = false;
    const tasks = this.tasks;
    for (let i = 0; i < tasks.length; i++) {
      const task = tasks[i]!;
      if (task.status === 'runnable') {
        task.candidate ??= {
          task: task.index,
          name: task.name,
          label: task.label,
          target: task.target,
          op: task.op,
          key: task.key,
          ...(task.nested === undefined ? {} : { nested: task.nested }),
        };
        candidates.push(task.candidate);
      }
      if (task.status !== 'done') allDone = false;
      if (task.status === 'running') starting = true;
    }
    if (candidates.length === 0) {
      // A task still `running` here finished its body without a step and settles shortly.
      if (!starting) this.end(allDone ? 'done' : 'deadlock');
      return NEVER;
    }
    if (this.steps >= options.stepLimit) {
      this.end('step-limit');
      return NEVER;
    }
    // The chooser sees forced steps too, so a script has one entry per row of the trace.
    let choice: number;
    try {
      choice = options.chooser.choose(candidates, { step: this.steps, previous: this.previous });
    } catch (error) {
      // A chooser that cannot go on (e.g. DFS seeing a nondeterministic scenario) fails the run.
      this.chooserError = error;
      this.end('escaped');
      return NEVER;
    }
    const candidate = candidates[choice];
    if (candidate === undefined) throw new Error(`chooser returned ${choice} of ${candidates.length}`);
    const picked = this.tasks[candidate.task]!;
    this.steps++;
    this.logicalTime++;
    const previous = this.previous;
    // (`previous` is -1 at a phase's first step: no preemption, and no out-of-bounds read.)
    const preemption = picked.index !== previous && previous >= 0 && tasks[previous]!.status === 'runnable';
    this.trace.push({
      task: picked.index,
      label: picked.label,
      preemption,
      target: picked.target,
      op: picked.op,
      key: picked.key,
      ...(picked.nested === undefined ? {} : { nested: picked.nested }),
    });
    this.previous = picked.index;
    this.current = picked;
    picked.status = 'running';
    if (picked === yielding) return undefined;
    const resume = picked.resume;
    picked.resume = undefined;
    resume?.();
    return yielding === undefined ? undefined : this.parked(yielding);
  }

  private parked(task: TaskState): Promise<void> {
    return new Promise<void>((resolve) => {
      task.resume = resolve;
    });
  }

  private taskEnded(task: TaskState): void {
    task.status = 'done';
    if (this.current === task || this.current === undefined) {
      this.current = undefined;
      this.decide();
    }
  }

  private end(status: PhaseStatus): void {
    const finish = this.finish;
    this.finish = undefined;
    this.options = undefined;
    this.current = undefined;
    finish?.(status);
  }
}
