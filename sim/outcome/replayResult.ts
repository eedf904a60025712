/** The object `regsim replay --json` prints, and `replay()` returns: one replayed run, checked. */
import type { Violation } from '../../src/invariants/index.ts';
import { describeOperation, describeResult } from '../../src/spec/operations.ts';
import type { ReplayOutcome } from '../replay/replayScenario.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Divergence } from '../schedule/types.ts';

export interface ReplayResult {
  /** No invariant broke. */
  readonly ok: boolean;
  readonly impl: string;
  readonly scenario: string;
  /** How the concurrent phase ended (`done`, `deadlock`, …), or `not-run`. */
  readonly status: string;
  readonly steps: number;
  /** Where the run could not follow the schedule. */
  readonly diverged: readonly Divergence[];
  readonly violations: readonly Violation[];
  /** The concurrent phase step by step (1-based), with what each step saw. */
  readonly trace: readonly { step: number; task: string; label: string; note?: string }[];
  /** Every call and return in logical time. */
  readonly history: readonly {
    task: string;
    op: string;
    result: string | null;
    call: number;
    ret: number | null;
  }[];
}

export function buildReplayResult(outcome: ReplayOutcome, scenario: Scenario, impl: string): ReplayResult {
  const { execution, violations, divergences } = outcome;
  const tasks = execution.phases.tasks;
  return {
    ok: violations.length === 0,
    impl,
    scenario: scenario.name,
    status: tasks?.status ?? 'not-run',
    steps: tasks?.steps ?? 0,
    diverged: divergences,
    violations,
    trace: (tasks?.trace ?? []).map((e, i) => ({
      step: i + 1,
      task: scenario.tasks[e.task]!.name,
      label: e.label,
      ...(e.note === undefined ? {} : { note: e.note }),
    })),
    history: execution.history.map((r) => ({
      task: r.task,
      op: describeOperation(r.op),
      result: r.ret === undefined ? null : describeResult(r.result ?? null),
      call: r.call,
      ret: r.ret ?? null,
    })),
  };
}
