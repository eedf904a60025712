/**
 * Hangs: a schedule that does not finish within the schedule timeout. A run spinning on its
 * thread can only be stopped from another thread, so implementations that may hang run on a
 * supervised worker (`sim/parallel/supervisor.ts`), which reports where the run was. Here, that
 * point becomes a finding: the schedule is re-run up to just before the step that never returned
 * — a prefix the worker already ran to its end — which gives its trace and a replay token.
 */
import type { Implementation } from '../../src/types.ts';
import { encodeToken } from '../replay/token.ts';
import { EMPTY_SNAPSHOT, type ExecuteOptions, type Execution, type RunStage } from '../scenario/execute.ts';
import type { Scenario } from '../scenario/types.ts';
import type { ScheduleStep } from '../schedule/types.ts';
import type { Finding } from './finding.ts';
import type { ScheduleRun } from './runSchedule.ts';
import type { ScheduleWatch } from './watch.ts';

/** Where a supervised run was when its schedule overran. */
export interface HangPoint {
  /** 1-based index of the schedule (global in a campaign). */
  readonly schedule: number;
  /** Where the run was; `inspect` covers the checks of the snapshot too. */
  readonly stage: RunStage;
  /** Steps the concurrent phase had taken: the last did not return to the scheduler. */
  readonly steps: number;
  /** Task index of that last step. */
  readonly task: number;
  readonly timeoutMs: number;
}

/** A schedule ran past the schedule timeout; the supervisor stopped its thread. */
export class ScheduleHangError extends Error {
  constructor(readonly point: HangPoint) {
    super(`schedule ${point.schedule} did not finish within ${formatMs(point.timeoutMs)}`);
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * How to re-run the hanging schedule so that it stops just before the hang, never calling
 * `inspect()` (it may be what hung): the concurrent phase one step short of the step that did not
 * return, or all of it but what came after.
 */
function cappedOptions(point: HangPoint): ExecuteOptions {
  if (point.stage === 'tasks' && point.steps > 0)
    return { tasksStepLimit: point.steps - 1, inspectAtEnd: false };
  // Starting the tasks runs each to its first step, so one that hung there leaves only the setup.
  const lastPhase = point.stage === 'tasks' ? 'setup' : point.stage === 'post' ? 'tasks' : 'post';
  return { lastPhase, inspectAtEnd: false };
}

/**
 * Whether the hang happened before the concurrent phase: then no part of its schedule can be
 * re-run (`create()` and the setup run alike under every schedule of a scenario).
 */
export function hungBeforeTasks(point: HangPoint): boolean {
  return point.stage === 'create' || point.stage === 'setup';
}

const WHERE: Record<RunStage, string> = {
  create: 'it hung in create()',
  setup: 'it hung in the setup, before the concurrent tasks took a step',
  tasks: 'it hung as the concurrent tasks started, before their first step',
  post: 'it hung after the concurrent tasks finished, in the post part',
  inspect: 'it hung after every operation returned, in inspect() or the checks of its snapshot',
};

/** A watch that runs the hang's schedule capped (see {@link cappedOptions}) and the others as they are. */
export function hangLocator(point: HangPoint): ScheduleWatch {
  return {
    begin: (index, chooser) =>
      index + 1 === point.schedule ? { chooser, options: cappedOptions(point) } : { chooser },
  };
}

/** The run of a schedule that hung before its concurrent phase: none of it could run again. */
export const NOT_RUN: Execution = { phases: {}, history: [], snapshot: EMPTY_SNAPSHOT, quiescent: false };

/**
 * What a hang of `scenario` at `point` was, from the capped re-run of its schedule (`undefined`
 * when it hung before the concurrent phase): one line, and the schedule up to and including the
 * step that never returned (what a token replays).
 */
export function describeHang(
  scenario: Scenario,
  capped: Pick<ScheduleRun, 'schedule' | 'execution'> | undefined,
  point: HangPoint,
): { readonly message: string; readonly schedule: readonly ScheduleStep[] } {
  const within = `schedule ${point.schedule} did not finish within ${formatMs(point.timeoutMs)}`;
  const schedule: ScheduleStep[] = [...(capped?.schedule ?? [])];
  let message: string;
  if (capped === undefined || point.stage !== 'tasks' || point.steps === 0) {
    message = `${within}: ${WHERE[point.stage]}`;
  } else {
    const name = scenario.tasks[point.task]?.name ?? `task ${point.task}`;
    const waiting = capped.execution.phases.tasks?.unfinished.find((c) => c.task === point.task);
    const label = waiting?.label ?? 'an unknown step';
    schedule.push({ task: name, label });
    message = `${within}: ${name} ran on from step ${point.steps} (${label}) and never reached another step`;
  }
  return { message, schedule };
}

/** The finding for a hang of `scenario` at `point` (see {@link describeHang}). */
export function buildHangFinding(
  impl: Implementation,
  scenario: Scenario,
  capped: ScheduleRun | undefined,
  point: HangPoint,
): Finding {
  const { message, schedule } = describeHang(scenario, capped, point);
  return {
    impl: impl.name,
    invariant: 'hang',
    message,
    depth: capped?.preemptions ?? 0,
    token: encodeToken({ impl: impl.name, scenario, schedule }),
    firstSchedule: point.schedule,
    scenario,
    schedule,
    violations: [{ invariant: 'hang', message }],
    // A hang is not a race between steps: no flipped pair makes a spinning step finish.
    race: [],
    execution: capped?.execution ?? NOT_RUN,
  };
}
