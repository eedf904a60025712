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
import type { Scenario, ScenarioOp } from './types.ts';

export type Phase = 'setup' | 'tasks' | 'post';

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

export interface Execution {
  readonly phases: Partial<Record<Phase, PhaseOutcome>>;
  readonly history: readonly OperationRecord[];
  /** The registry's maps after the last phase (meaningful only when every phase is `done`). */
  readonly snapshot: RegistrySnapshot;
  /** True when every phase ran to completion, so the registry is quiescent. */
  readonly quiescent: boolean;
  /** The change events a subscriber saw from the registry's creation on, if it publishes any. */
  readonly events?: EventLog;
}

export interface ExecuteOptions {
  /** Steps per phase before `step-limit`. */
  readonly stepLimit?: number;
  /**
   * Called before each phase that runs, with the registry as that phase finds it (reports show
   * the indexes the concurrent tasks started from). The snapshot's maps are the registry's live
   * ones: copy what you keep.
   */
  readonly onPhaseStart?: (phase: Phase, snapshot: RegistrySnapshot) => void;
}

const FIRST_RUNNABLE: Chooser = { choose: () => 0 };
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
  const registry = impl.create(scheduler);
  const events = subscribeBeforeTasks(registry);
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
    if (tasks.length === 0) continue;
    options.onPhaseStart?.(phase, registry.inspect());
    const outcome = await scheduler.runPhase(tasks, { chooser: phaseChooser, stepLimit });
    phases[phase] = outcome;
    if (outcome.status !== 'done' || outcome.errors.size > 0) {
      quiescent = false;
      break;
    }
  }
  const snapshot = registry.inspect();
  return events === undefined
    ? { phases, history: run.history, snapshot, quiescent }
    : { phases, history: run.history, snapshot, quiescent, events };
}

/** Subscribes to the registry's change stream, if it has one, before any operation runs. */
function subscribeBeforeTasks(registry: Registry): EventLog | undefined {
  if (registry.events === undefined) return undefined;
  const events: RegistryEvent[] = [];
  registry.events.subscribe((event) => events.push(event));
  return { gapless: registry.events.gapless, events };
}
