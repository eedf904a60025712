/**
 * Replay tokens: one printable string holding everything needed to reproduce a schedule —
 * format version, implementation, scenario and the schedule as (task, step label) pairs, so a
 * token survives small code changes and a divergence can be named exactly. Encoded as
 * `regsim1.` + base64url(deflate(JSON)).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/types.ts';
import { decodeSteps, encodeSteps } from '../schedule/codec.ts';
import type { ScheduleStep } from '../schedule/types.ts';

export interface ReplayToken {
  readonly impl: string;
  readonly scenario: Scenario;
  readonly schedule: readonly ScheduleStep[];
}

const PREFIX = 'regsim1.';

/**
 * The token of a schedule. The scenario's free-text description stays out: it does not change
 * what runs, and a token must stay short however long the description is.
 */
export function encodeToken(token: ReplayToken): string {
  const { description: _description, ...scenario } = token.scenario;
  const json = JSON.stringify({
    v: 1,
    impl: token.impl,
    scenario,
    schedule: encodeSteps(token.schedule),
  });
  return PREFIX + deflateRawSync(Buffer.from(json, 'utf8')).toString('base64url');
}

export type DecodeResult =
  | { readonly ok: true; readonly token: ReplayToken }
  | { readonly ok: false; readonly error: string };

/** A token of any format version: `regsim<version>.` and the payload. */
const ANY_FORMAT = /^regsim(\d+)\./;

/**
 * Whether an argument is meant as a token rather than a file path: it starts like a token of
 * some format, perhaps after stray spaces, or it is empty (no file has an empty name).
 */
export function isToken(text: string): boolean {
  return ANY_FORMAT.test(text.trimStart()) || text.trim() === '';
}

/** The base64url alphabet: Node's decoder would skip any other character without a word. */
const PAYLOAD = /^[A-Za-z0-9_-]+$/;

/** Far above any real token's JSON; a crafted one could otherwise inflate to gigabytes. */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

export function decodeToken(text: string): DecodeResult {
  if (text.trim() === '') return { ok: false, error: 'not a replay token: the argument is empty' };
  if (text !== text.trim())
    return { ok: false, error: 'not a replay token: it has spaces around it (copy it without them)' };
  const format = ANY_FORMAT.exec(text);
  if (format === null)
    return { ok: false, error: `not a replay token (expected it to start with ${PREFIX})` };
  if (format[0] !== PREFIX)
    return { ok: false, error: `replay token format ${format[1]} is not supported (this regsim reads 1)` };
  const payload = text.slice(PREFIX.length);
  if (!PAYLOAD.test(payload))
    return {
      ok: false,
      error: 'corrupt replay token: it has characters a token never holds (was it changed when copied?)',
    };
  let value: unknown;
  try {
    const json = inflateRawSync(Buffer.from(payload, 'base64url'), { maxOutputLength: MAX_JSON_BYTES });
    value = JSON.parse(json.toString('utf8'));
  } catch {
    return { ok: false, error: 'corrupt replay token (it does not decode; was it cut when copied?)' };
  }
  if (typeof value !== 'object' || value === null)
    return { ok: false, error: 'corrupt replay token: it holds no token object' };
  const v = value as { v?: unknown; impl?: unknown; scenario?: unknown; schedule?: unknown };
  if (v.v !== 1)
    return { ok: false, error: `replay token format ${String(v.v)} is not supported (this regsim reads 1)` };
  if (typeof v.impl !== 'string') return { ok: false, error: 'corrupt replay token: no implementation' };
  const scenario = parseScenario(v.scenario);
  if (!scenario.ok) return { ok: false, error: `corrupt replay token: scenario ${scenario.error}` };
  const schedule = decodeSteps(v.schedule);
  if (schedule === undefined) return { ok: false, error: 'corrupt replay token: bad schedule' };
  const tasks = new Set(scenario.scenario.tasks.map((t) => t.name));
  const stray = schedule.findIndex((step) => !tasks.has(step.task));
  if (stray >= 0) {
    return {
      ok: false,
      error: `corrupt replay token: step ${stray + 1} names ${JSON.stringify(schedule[stray]!.task)}, no task of its scenario`,
    };
  }
  return {
    ok: true,
    token: {
      impl: v.impl,
      scenario: scenario.scenario,
      schedule,
    },
  };
}
