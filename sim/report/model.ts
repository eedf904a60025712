/**
 * What the reports show, and how it is gathered: every invariant id, the replay command of a
 * finding, and per finding a fresh replay of its token (the run the HTML timeline draws, and the
 * registry's indexes before and after the concurrent tasks).
 */
import { STRUCTURAL_INVARIANTS } from '../../src/invariants/index.ts';
import type { InvariantId, StructuralInvariantId } from '../../src/invariants/types.ts';
import type { Implementation } from '../../src/types.ts';
import type { CampaignResult } from '../explore/campaign.ts';
import type { Finding } from '../explore/finding.ts';
import { replayToken } from '../replay/replayScenario.ts';
import { decodeToken } from '../replay/token.ts';
import { type Execution, executeScenario } from '../scenario/execute.ts';
import type { Chooser } from '../scheduler/types.ts';
import { describeIndexes, type IndexesView } from './indexes.ts';

// A record rather than a list so that the compiler flags an invariant id added to `InvariantId`
// but missing here (reports list passing invariants too, so none may be forgotten).
const RUN_INVARIANTS: Record<Exclude<InvariantId, StructuralInvariantId>, true> = {
  linearizable: true,
  deadlock: true,
  'step-limit': true,
  crash: true,
};

/** Every invariant the simulator checks, in report order: the structural ones, then the run's. */
export const INVARIANT_IDS: readonly InvariantId[] = [
  ...STRUCTURAL_INVARIANTS.map((i) => i.id),
  ...(Object.keys(RUN_INVARIANTS) as (keyof typeof RUN_INVARIANTS)[]),
];

/** The command line that reproduces a finding. */
export function replayCommand(token: string): string {
  return `npx regsim replay ${token}`;
}

/** One finding with a fresh replay of its minimal counterexample. */
export interface FindingReport {
  readonly finding: Finding;
  /** The replayed run: phases with their traces, and the history of calls and returns. */
  readonly execution: Execution;
  /** The indexes as the concurrent tasks found them (after the setup); undefined if the setup did not finish. */
  readonly before: IndexesView | undefined;
  /** The indexes at the end of the replayed run. */
  readonly after: IndexesView;
  /** Where the replay could not follow the token's schedule, in words (empty: reproduced exactly). */
  readonly divergences: readonly string[];
}

/** One implementation's campaign and a replay of each of its findings. */
export interface CampaignReport {
  readonly result: CampaignResult;
  /** One per `result.findings`, in the same order. */
  readonly findings: readonly FindingReport[];
}

// The setup runs under this chooser whatever chooser the tasks get, so any chooser reaches the
// same state before the tasks; the tasks phase of that run is not looked at.
const ANY_SCHEDULE: Chooser = { choose: () => 0 };

/** Replays one finding's token on `impl` (the implementation the finding was made on). */
export async function collectFindingReport(finding: Finding, impl: Implementation): Promise<FindingReport> {
  const decoded = decodeToken(finding.token);
  if (!decoded.ok) throw new Error(`${finding.invariant} on ${finding.impl}: ${decoded.error}`);
  const replay = await replayToken(decoded.token, impl);
  // `replayToken` takes no execution options, so the state before the tasks comes from a second,
  // deterministic run of the same scenario.
  const seen: { before?: IndexesView } = {};
  await executeScenario(decoded.token.scenario, impl, ANY_SCHEDULE, {
    onPhaseStart: (phase, snapshot) => {
      if (phase === 'tasks') seen.before = describeIndexes(snapshot);
    },
  });
  return {
    finding,
    execution: replay.execution,
    before: seen.before,
    after: describeIndexes(replay.execution.snapshot),
    divergences: replay.divergences.map((d) => `step ${d.step}: ${d.text}`),
  };
}

/** Replays every finding of a campaign run on `impl`. */
export async function collectCampaignReport(
  result: CampaignResult,
  impl: Implementation,
): Promise<CampaignReport> {
  const findings: FindingReport[] = [];
  for (const finding of result.findings) findings.push(await collectFindingReport(finding, impl));
  return { result, findings };
}
