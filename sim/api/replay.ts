/**
 * `replay(tokenOrScenario, options)`: replays a fuzzer counterexample (its token) or a scenario's
 * scripted schedule, returning the object `regsim replay --json` prints. Prints nothing and never
 * exits; what cannot be replayed rejects with one sentence.
 */
import { readFileSync } from 'node:fs';
import { buildReplayResult, type ReplayResult } from '../outcome/replayResult.ts';
import { resolveImplementation } from '../plugins/resolveImplementation.ts';
import { replayScenario, replayToken } from '../replay/replayScenario.ts';
import { decodeToken, isToken } from '../replay/token.ts';
import { unsupportedOperations } from '../scenario/operations.ts';
import { parseScenarioText } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/types.ts';

export interface ReplayOptions {
  /** The implementation to replay on; a token's own by default (required for a scenario). */
  readonly impl?: string;
}

/** Replays `input`: a replay token, a scenario file's path, or a scenario. */
export async function replay(input: string | Scenario, options: ReplayOptions = {}): Promise<ReplayResult> {
  const token = typeof input === 'string' && isToken(input) ? decodeToken(input) : undefined;
  if (token !== undefined && !token.ok) throw new Error(`replay: ${token.error}`);
  const implName = options.impl ?? token?.token.impl;
  if (implName === undefined) throw new Error('replay: impl is required to replay a scenario');
  const resolved = await resolveImplementation(implName);
  if (!resolved.ok) throw new Error(`replay: ${resolved.error}`);
  const impl = resolved.impl;
  let scenario: Scenario;
  if (token !== undefined) scenario = token.token.scenario;
  else if (typeof input === 'string') {
    const loaded = parseScenarioText(readFileSync(input, 'utf8'));
    if (!loaded.ok) throw new Error(`replay: ${input}: ${loaded.error}`);
    scenario = loaded.scenario;
  } else scenario = input;
  const missing = unsupportedOperations(scenario, impl);
  if (missing.length > 0) throw new Error(`replay: ${impl.name} has no ${missing.join(', ')}`);
  const outcome =
    token !== undefined ? await replayToken(token.token, impl) : await replayScenario(scenario, impl);
  return buildReplayResult(outcome, scenario, impl.name);
}
