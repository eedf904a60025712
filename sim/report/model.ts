/**
 * What the reports show, and how it is gathered: every invariant id, the replay command of a
 * finding, and per finding its minimal run (the one the HTML timeline draws) with the registry's
 * indexes before and after the concurrent tasks.
 */
import { STRUCTURAL_INVARIANTS } from '../../src/invariants/index.ts';
import type { InvariantId } from '../../src/invariants/types.ts';
import type { Implementation } from '../../src/types.ts';
import { RUN_INVARIANTS, type RunInvariantId } from '../checks/runInvariants.ts';
import type { CampaignResult } from '../explore/campaign.ts';
import type { Finding } from '../explore/finding.ts';
import { type Execution, executeScenario } from '../scenario/execute.ts';
import type { Chooser } from '../scheduler/types.ts';
import { describeIndexes, type IndexesView } from './indexes.ts';

/** Every invariant the simulator checks, in report order: the structural ones, then the run's. */
export const INVARIANT_IDS: readonly InvariantId[] = [
  ...STRUCTURAL_INVARIANTS.map((i) => i.id),
  ...(Object.keys(RUN_INVARIANTS) as RunInvariantId[]),
];

/** The command line that reproduces a finding. */
export function replayCommand(token: string): string {
  return `npx regsim replay ${token}`;
}

/** One finding with the registry's indexes around its minimal counterexample. */
export interface FindingReport {
  readonly finding: Finding;
  /** The minimal run: phases with their traces, and the history of calls and returns. */
  readonly execution: Execution;
  /** The indexes as the concurrent tasks found them (after the setup); undefined if the setup did not finish. */
  readonly before: IndexesView | undefined;
  /** The indexes at the end of the run. */
  readonly after: IndexesView;
}

/** One implementation's campaign and the report of each of its findings. */
export interface CampaignReport {
  readonly result: CampaignResult;
  /** One per `result.findings`, in the same order. */
  readonly findings: readonly FindingReport[];
}

// Only the setup runs, under this chooser (it runs alike under any), to show the state the
// finding's tasks started from.
const ANY_SCHEDULE: Chooser = { choose: () => 0 };

/**
 * The report of one finding made on `impl`. The finding carries its run; only the indexes before
 * the tasks need the setup again, because a run keeps its registry's final state alone. A run
 * that never reached its tasks (a hang in `create()` or the setup) has no such state, and is not
 * run again.
 */
export async function collectFindingReport(finding: Finding, impl: Implementation): Promise<FindingReport> {
  let before: IndexesView | undefined;
  if (finding.execution.phases.tasks !== undefined) {
    const setup = await executeScenario(finding.scenario, impl, ANY_SCHEDULE, { lastPhase: 'setup' });
    if (setup.quiescent) before = describeIndexes(setup.snapshot);
  }
  return {
    finding,
    execution: finding.execution,
    before,
    after: describeIndexes(finding.execution.snapshot),
  };
}

/** The report of every finding of a campaign run on `impl`. */
export async function collectCampaignReport(
  result: CampaignResult,
  impl: Implementation,
): Promise<CampaignReport> {
  const findings: FindingReport[] = [];
  for (const finding of result.findings) findings.push(await collectFindingReport(finding, impl));
  return { result, findings };
}
