/**
 * `replay(tokenOrScenario, options)`: replays a fuzzer counterexample (its token) or a scenario's
 * scripted schedule, returning the object `regsim replay --json` prints. Prints nothing and never
 * exits; what cannot be replayed rejects with one sentence.
 */
import { buildReplayResult, type ReplayResult } from '../outcome/replayResult.ts';
import { resolveImplementation } from '../plugins/resolveImplementation.ts';
import { replayImplementation } from '../replay/replayImplementation.ts';
import { replayScenario, replayToken } from '../replay/replayScenario.ts';
import { decodeToken, isToken } from '../replay/token.ts';
import { unsupportedOperations } from '../scenario/operations.ts';
import { readScenarioFile } from '../scenario/readScenarioFile.ts';
import type { Scenario } from '../scenario/types.ts';

export interface ReplayOptions {
  /** The implementation to replay on; a token's own by default (required for a scenario). */
  readonly impl?: string;
}

/** Replays `input`: a replay token, a scenario file's path, or a scenario. */
export async function replay(input: string | Scenario, options: ReplayOptions = {}): Promise<ReplayResult> {
  const token = typeof input === 'string' && isToken(input) ? decodeToken(input) : undefined;
  if (token !== undefined && !token.ok) throw new Error(`replay: ${token.error}`);
  let scenario: Scenario;
  if (token !== undefined) scenario = token.token.scenario;
  else if (typeof input === 'string') {
    const loaded = readScenarioFile(input);
    if (!loaded.ok) throw new Error(`replay: ${loaded.error}`);
    scenario = loaded.scenario;
  } else scenario = input;
  // As on the command line, the input is checked before any plugin loads, and a token alone never loads one.
  const ref = replayImplementation(options.impl, token?.token.impl);
  if (!ref.ok) {
    throw new Error(
      ref.reason === 'missing'
        ? 'replay: impl is required to replay a scenario'
        : `replay: the token names the plugin module ${ref.module}, and a token never loads code by itself: pass impl: '${ref.module}' to run it`,
    );
  }
  const resolved = await resolveImplementation(ref.ref);
  if (!resolved.ok) throw new Error(`replay: ${resolved.error}`);
  const impl = resolved.impl;
  const missing = unsupportedOperations(scenario, impl);
  if (missing.length > 0) throw new Error(`replay: ${impl.name} has no ${missing.join(', ')}`);
  const outcome =
    token !== undefined ? await replayToken(token.token, impl) : await replayScenario(scenario, impl);
  return buildReplayResult(outcome, scenario, impl.name);
}
