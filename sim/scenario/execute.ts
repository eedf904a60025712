/**
 * Runs a scenario on an implementation under the controlled scheduler: the setup as one task,
 * the concurrent tasks under the given chooser, then the post part as one task. Records the
 * history of calls and returns with logical timestamps, and the registry's snapshot at the end.
 */
import { createSequentialIds } from '../../src/determinism/ids.ts';
import type { RegistryEvent } from '../../src/events.ts';
import type { EventLog } from '../../src/invariants/eventOrder.ts';
import type { Operation, OpResult } from '../../src/spec/operations.ts';
import type { Implementation, Registry, RegistrySnapshot } from '../../src/types.ts';
import { Scheduler } from '../scheduler/Scheduler.ts';
import type { Chooser, PhaseOutcome, TaskSpec } from '../scheduler/types.ts';
import { type Bindings, performOperation, resolveOperation } from './operations.ts';
import { snapshotProblem } from './snapshotShape.ts';
import type { Scenario, ScenarioOp } from './types.ts';

export type Phase = 'setup' | 'tasks' | 'post';

/** Where a run is: its phases, and the calls into the implementation before and after them. */
export type RunStage = 'create' | Phase | 'inspect';

/** One operation of the history: call and (unless pending) return, in logical time. */
export interface OperationRecord {
  readonly phase: Phase;
  /** Task name (`setup` and `post` for the sequential parts). */
  readonly task: string;
  /** Index of the task in its phase. */
  readonly taskIndex: number;
  readonly op: Operation;
  readonly call: number;
  /** Steps of the phase taken before the call (where the call appears in an interleaving table). */
  readonly callStep: number;
  ret?: number;
  retStep?: number;
  result?: OpResult;
}

/** A call into the implementation outside any task that failed, which ends the run there. */
export interface ImplementationFault {
  readonly call: 'create()' | 'events.subscribe()' | 'inspect()';
  /** What went wrong, e.g. `threw: …` or what is wrong with the snapshot. */
  readonly problem: string;
}

export interface Execution {
  readonly phases: Partial<Record<Phase, PhaseOutcome>>;
  readonly history: readonly OperationRecord[];
  /** The registry's maps after the last phase (meaningful only when every phase is `done`). */
  readonly snapshot: RegistrySnapshot;
  /** True when every phase ran to completion, so the registry is quiescent. */
  readonly quiescent: boolean;
  /** The change events a subscriber saw from the registry's creation on, if it publishes any. */
  readonly events?: EventLog;
  /** Set when `create()` or `inspect()` failed (the snapshot is then empty). */
  readonly fault?: ImplementationFault;
}

export interface ExecuteOptions {
  /** Steps per phase before `step-limit`. */
  readonly stepLimit?: number;
  /** Steps of the concurrent phase before `step-limit`, if fewer (a hang's location stops there). */
  readonly tasksStepLimit?: number;
  /**
   * Called as each stage begins, a phase even without operations (`post` then marks the end of
   * the concurrent tasks): where a supervisor on another thread sees a run has got to.
   */
  readonly onStage?: (stage: RunStage) => void;
  /** The last phase to run. */
  readonly lastPhase?: Phase;
  /** False to end without calling `inspect()` (the snapshot is then empty). */
  readonly inspectAtEnd?: boolean;
}

const FIRST_RUNNABLE: Chooser = { choose: () => 0 };

/**
 * What a run that never got a registry, or a valid snapshot of it, or stopped before its end,
 * reports as its final state.
 */
export const EMPTY_SNAPSHOT: RegistrySnapshot = {
  workers: new Map(),
  urlToId: new Map(),
  modelIndex: new Map(),
  hashRings: new Map(),
  typeWorkers: new Map(),
  connectionWorkers: new Map(),
  indexedModels: () => [],
  wildcardRing: false,
};

const threw = (error: unknown): string => `threw: ${error instanceof Error ? error.message : String(error)}`;

/** The registry's snapshot, or why `inspect()` gave none. */
function inspect(registry: Registry): { snapshot: RegistrySnapshot } | { fault: ImplementationFault } {
  let value: unknown;
  try {
    value = registry.inspect();
  } catch (error) {
    return { fault: { call: 'inspect()', problem: threw(error) } };
  }
  const problem = snapshotProblem(value);
  return problem === undefined
    ? { snapshot: value as RegistrySnapshot }
    : { fault: { call: 'inspect()', problem } };
}
export const DEFAULT_STEP_LIMIT = 5_000;

/** What every client of one run shares. */
interface Run {
  readonly scenario: Scenario;
  readonly scheduler: Scheduler;
  readonly registry: Registry;
  readonly bindings: Bindings;
  readonly history: OperationRecord[];
}

/** A client task: runs its operations one after the other, recording each call and return. */
class Client implements TaskSpec {
  constructor(
    private readonly run: Run,
    private readonly phase: Phase,
    readonly name: string,
    private readonly taskIndex: number,
    private readonly ops: readonly ScenarioOp[],
  ) {}

  async body(): Promise<void> {
    const { scenario, scheduler, registry, bindings, history } = this.run;
    for (const step of this.ops) {
      const op = resolveOperation(scenario, step, bindings);
      const record: OperationRecord = {
        phase: this.phase,
        task: this.name,
        taskIndex: this.taskIndex,
        op,
        call: scheduler.tick(),
        callStep: scheduler.stepCount,
      };
      history.push(record);
      const result = await performOperation(registry, op);
      record.ret = scheduler.tick();
      record.retStep = scheduler.stepCount;
      record.result = result;
      if ('as' in step && step.as !== undefined && typeof result === 'string') bindings.set(step.as, result);
    }
  }
}

export async function executeScenario(
  scenario: Scenario,
  impl: Implementation,
  chooser: Chooser,
  options: ExecuteOptions = {},
): Promise<Execution> {
  const scheduler = new Scheduler(createSequentialIds());
  options.onStage?.('create');
  let registry: Registry;
  try {
    registry = impl.create(scheduler);
  } catch (error) {
    return faulted({}, [], { call: 'create()', problem: threw(error) });
  }
  if (typeof registry !== 'object' || registry === null || typeof registry.inspect !== 'function')
    return faulted({}, [], { call: 'create()', problem: 'returned no registry with an inspect() method' });
  options.onStage?.('setup');
  let events: EventLog | undefined;
  try {
    events = subscribeBeforeTasks(registry);
  } catch (error) {
    return faulted({}, [], { call: 'events.subscribe()', problem: threw(error) });
  }
  const run: Run = { scenario, scheduler, registry, bindings: new Map(), history: [] };
  const stepLimit = options.stepLimit ?? DEFAULT_STEP_LIMIT;
  const phases: Partial<Record<Phase, PhaseOutcome>> = {};

  const plan: [Phase, TaskSpec[], Chooser][] = [
    [
      'setup',
      scenario.setup.length > 0 ? [new Client(run, 'setup', 'setup', 0, scenario.setup)] : [],
      FIRST_RUNNABLE,
    ],
    ['tasks', scenario.tasks.map((t, i) => new Client(run, 'tasks', t.name, i, t.ops)), chooser],
    [
      'post',
      scenario.post.length > 0 ? [new Client(run, 'post', 'post', 0, scenario.post)] : [],
      FIRST_RUNNABLE,
    ],
  ];
  let quiescent = true;
  for (const [phase, tasks, phaseChooser] of plan) {
    options.onStage?.(phase);
    if (tasks.length > 0) {
      const limit = phase === 'tasks' ? (options.tasksStepLimit ?? stepLimit) : stepLimit;
      const outcome = await scheduler.runPhase(tasks, { chooser: phaseChooser, stepLimit: limit });
      phases[phase] = outcome;
      if (outcome.status !== 'done' || outcome.errors.size > 0) {
        quiescent = false;
        break;
      }
    }
    if (phase === options.lastPhase) break;
  }
  if (options.inspectAtEnd === false) {
    return { phases, history: run.history, snapshot: EMPTY_SNAPSHOT, quiescent: false };
  }
  options.onStage?.('inspect');
  const end = inspect(registry);
  if ('fault' in end) return faulted(phases, run.history, end.fault);
  return events === undefined
    ? { phases, history: run.history, snapshot: end.snapshot, quiescent }
    : { phases, history: run.history, snapshot: end.snapshot, quiescent, events };
}

function faulted(
  phases: Execution['phases'],
  history: readonly OperationRecord[],
  fault: ImplementationFault,
): Execution {
  return { phases, history, snapshot: EMPTY_SNAPSHOT, quiescent: false, fault };
}

/** Subscribes to the registry's change stream, if it has one, before any operation runs. */
function subscribeBeforeTasks(registry: Registry): EventLog | undefined {
  if (registry.events === undefined) return undefined;
  const events: RegistryEvent[] = [];
  registry.events.subscribe((event) => events.push(event));
  return { gapless: registry.events.gapless, events };
}
