/**
 * `regsim replay <scenario.json> --impl <name> [--json] [--strict] [--schedule-timeout 10s]` runs
 * the scenario's scripted schedule; `regsim replay <token> [--impl <name>]` reproduces a fuzzer
 * counterexample (on the token's implementation unless told otherwise; a token naming a plugin
 * module needs `--impl`, as a token never loads code by itself). Prints the interleaving table
 * and the violations. A plugin replays on a supervised worker first: a run that does not finish
 * within `--schedule-timeout` is a `hang` violation naming the step it hung in. Exit 0 without violations, 1 with, 2 for usage errors (including a corrupt token
 * and a divergence under `--strict`).
 */
import { buildReplayResult } from '../../outcome/replayResult.ts';
import { replaySupervised } from '../../parallel/replaySupervised.ts';
import { DEFAULT_BATCH_TIMEOUT_MS } from '../../parallel/supervisor.ts';
import { isPluginPath, resolveImplementation } from '../../plugins/resolveImplementation.ts';
import { replayImplementation } from '../../replay/replayImplementation.ts';
import { replayScenario, replayToken } from '../../replay/replayScenario.ts';
import { decodeToken, isToken } from '../../replay/token.ts';
import { renderInterleaving, renderSequential } from '../../report/interleavingTable.ts';
import { unsupportedOperations } from '../../scenario/operations.ts';
import { readScenarioFile } from '../../scenario/readScenarioFile.ts';
import type { Scenario } from '../../scenario/types.ts';
import { parseArgs } from '../args.ts';
import type { CommandIo } from '../io.ts';
import { readScheduleTimeout } from '../scheduleTimeout.ts';

export async function replayCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const usage = (message: string) => {
    io.err(`regsim replay: ${message}`);
    return 2;
  };
  const parsed = parseArgs(argv, { values: ['impl', 'schedule-timeout'], booleans: ['json', 'strict'] });
  if (!parsed.ok) return usage(parsed.error);
  const { flags, switches, positional } = parsed.args;
  if (positional.length !== 1) {
    return usage('expected one scenario file or token: regsim replay <scenario.json|token> --impl <name>');
  }
  const input = positional[0]!;
  const scheduleTimeout = readScheduleTimeout(flags.get('schedule-timeout'));
  if (!scheduleTimeout.ok) return usage(scheduleTimeout.error);
  const token = isToken(input) ? decodeToken(input) : undefined;
  if (token !== undefined && !token.ok) return usage(token.error);
  let scenario: Scenario;
  if (token?.ok) scenario = token.token.scenario;
  else {
    const loaded = readScenarioFile(input);
    if (!loaded.ok) return usage(loaded.error);
    scenario = loaded.scenario;
  }
  // The input is read and checked before any plugin module is loaded.
  const implRef = replayImplementation(flags.get('impl'), token?.ok ? token.token.impl : undefined);
  if (!implRef.ok) {
    return usage(
      implRef.reason === 'missing'
        ? '--impl <name> is required'
        : `the token names the plugin module ${implRef.module}, and a token never loads code by itself: add --impl ${implRef.module} to run it`,
    );
  }
  const resolved = await resolveImplementation(implRef.ref);
  if (!resolved.ok) return usage(resolved.error);
  const impl = resolved.impl;
  const missing = unsupportedOperations(scenario, impl);
  if (missing.length > 0) return usage(`${impl.name} has no ${missing.join(', ')} (used by ${input})`);

  // A plugin may hang, and only another thread can stop it (see replaySupervised).
  const { execution, violations, divergences } = isPluginPath(impl.name)
    ? await replaySupervised(impl, scenario, token?.ok ? token.token : undefined, {
        scheduleTimeoutMs: scheduleTimeout.ms,
        batchTimeoutMs: DEFAULT_BATCH_TIMEOUT_MS,
      })
    : token?.ok
      ? await replayToken(token.token, impl)
      : await replayScenario(scenario, impl);
  if (switches.has('strict') && divergences.length > 0) {
    return usage(`diverged at step ${divergences[0]!.step}: ${divergences[0]!.text}`);
  }
  const tasks = execution.phases.tasks;
  const diverged = divergences;
  if (switches.has('json')) {
    io.out(
      JSON.stringify(buildReplayResult({ execution, violations, divergences }, scenario, impl.name), null, 2),
    );
  } else {
    io.out(`${scenario.name} on ${impl.name}: ${tasks?.steps ?? 0} steps, ${tasks?.status ?? 'not run'}`);
    const setup = execution.history.filter((r) => r.phase === 'setup');
    if (setup.length > 0) io.out(`setup: ${renderSequential(setup).join('; ')}`);
    for (const line of renderInterleaving(
      execution,
      scenario.tasks.map((t) => t.name),
    ))
      io.out(line);
    const post = execution.history.filter((r) => r.phase === 'post');
    if (post.length > 0) io.out(`post: ${renderSequential(post).join('; ')}`);
    for (const d of diverged) io.out(`diverged at step ${d.step}: ${d.text}`);
    if (violations.length === 0) io.out('no violations');
    else {
      io.out(`violations (${violations.length}):`);
      for (const v of violations) io.out(`  ${v.invariant.padEnd(12)} ${v.message}`);
    }
  }
  return violations.length === 0 ? 0 : 1;
}
