/**
 * Replay tokens: one printable string holding everything needed to reproduce a schedule —
 * format version, implementation, scenario and the schedule as (task, step label) pairs, so a
 * token survives small code changes and a divergence can be named exactly. Encoded as
 * `regsim1.` + base64url(deflate(JSON)).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/types.ts';

/** One step of a recorded schedule. */
export interface ScheduleStep {
  readonly task: string;
  readonly label: string;
}

export interface ReplayToken {
  readonly impl: string;
  readonly scenario: Scenario;
  readonly schedule: readonly ScheduleStep[];
}

const PREFIX = 'regsim1.';

export function encodeToken(token: ReplayToken): string {
  const json = JSON.stringify({
    v: 1,
    impl: token.impl,
    scenario: token.scenario,
    schedule: token.schedule.map((s) => [s.task, s.label]),
  });
  return PREFIX + deflateRawSync(Buffer.from(json, 'utf8')).toString('base64url');
}

export type DecodeResult =
  | { readonly ok: true; readonly token: ReplayToken }
  | { readonly ok: false; readonly error: string };

/**
 * Whether an argument is meant as a token rather than a file path: it starts with the prefix,
 * perhaps after stray spaces, or it is empty (no file has an empty name).
 */
export function isToken(text: string): boolean {
  return text.trimStart().startsWith(PREFIX) || text.trim() === '';
}

/** The base64url alphabet: Node's decoder would skip any other character without a word. */
const PAYLOAD = /^[A-Za-z0-9_-]+$/;

export function decodeToken(text: string): DecodeResult {
  if (text.trim() === '') return { ok: false, error: 'not a replay token: the argument is empty' };
  if (text !== text.trim())
    return { ok: false, error: 'not a replay token: it has spaces around it (copy it without them)' };
  if (!text.startsWith(PREFIX))
    return { ok: false, error: `not a replay token (expected it to start with ${PREFIX})` };
  if (!PAYLOAD.test(text.slice(PREFIX.length)))
    return {
      ok: false,
      error: 'corrupt replay token: it has characters a token never holds (was it changed when copied?)',
    };
  let value: unknown;
  try {
    value = JSON.parse(inflateRawSync(Buffer.from(text.slice(PREFIX.length), 'base64url')).toString('utf8'));
  } catch {
    return { ok: false, error: 'corrupt replay token (it does not decode; was it cut when copied?)' };
  }
  const v = value as { v?: unknown; impl?: unknown; scenario?: unknown; schedule?: unknown };
  if (v.v !== 1)
    return { ok: false, error: `replay token format ${String(v.v)} is not supported (this regsim reads 1)` };
  if (typeof v.impl !== 'string') return { ok: false, error: 'corrupt replay token: no implementation' };
  const scenario = parseScenario(v.scenario);
  if (!scenario.ok) return { ok: false, error: `corrupt replay token: scenario ${scenario.error}` };
  const schedule = v.schedule;
  if (
    !Array.isArray(schedule) ||
    !schedule.every((s) => Array.isArray(s) && s.length === 2 && s.every((x) => typeof x === 'string'))
  ) {
    return { ok: false, error: 'corrupt replay token: bad schedule' };
  }
  return {
    ok: true,
    token: {
      impl: v.impl,
      scenario: scenario.scenario,
      schedule: (schedule as [string, string][]).map(([task, label]) => ({ task, label })),
    },
  };
}
