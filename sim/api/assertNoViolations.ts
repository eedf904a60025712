/**
 * `assertNoViolations(options)`, for test runners, in the way `fc.assert` reports: it fuzzes, and
 * if anything broke it throws an `Error` whose message holds each minimal counterexample's
 * interleaving table and the `npx regsim replay …` line that reproduces it.
 */
import { orderedFindings } from '../outcome/build.ts';
import { describeChunkError, describeFinding } from '../outcome/render.ts';
import { type FuzzOptions, fuzzRun } from './fuzz.ts';

export async function assertNoViolations(options: FuzzOptions): Promise<void> {
  const { result, campaigns } = await fuzzRun(options);
  if (result.ok) return;
  const lines = [
    `regsim found ${result.violations.length} violation(s) in ${result.schedules} schedules (strategy ${result.strategy}, seed ${result.seed}):`,
  ];
  for (const campaign of campaigns) {
    for (const finding of orderedFindings(campaign)) lines.push('', ...describeFinding(finding));
    for (const error of campaign.errors) lines.push('', `${campaign.impl}: ${describeChunkError(error)}`);
  }
  throw new Error(lines.join('\n'));
}
