/**
 * Reads a `regsim fuzz --json` result back. Checks the shape `merge` relies on, so a truncated or
 * foreign file is refused with the field that is wrong instead of merging into nonsense.
 */
import type { Check, FuzzResult } from './types.ts';

type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'array';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first field of `value` missing or of the wrong type, as a message. */
function badField(value: unknown, spec: Record<string, FieldType>, where: string): string | undefined {
  if (!isRecord(value)) return `${where} is not an object`;
  for (const [key, type] of Object.entries(spec)) {
    const field = value[key];
    const actual = Array.isArray(field) ? 'array' : isRecord(field) ? 'object' : typeof field;
    if (actual !== type) return `${where}.${key} is not a${type === 'array' ? 'n' : ''} ${type}`;
  }
  return undefined;
}

const IMPLEMENTATION_FIELDS: Record<string, FieldType> = {
  impl: 'string',
  schedules: 'number',
  scenarios: 'number',
  status: 'string',
  chunks: 'number',
  errors: 'array',
  failingSchedules: 'object',
};
const VIOLATION_FIELDS: Record<string, FieldType> = {
  impl: 'string',
  invariant: 'string',
  message: 'string',
  depth: 'number',
  firstSchedule: 'number',
  token: 'string',
  tasks: 'number',
  operations: 'number',
  alsoBroken: 'array',
};
const ERROR_FIELDS: Record<string, FieldType> = {
  chunk: 'number',
  firstSchedule: 'number',
  lastSchedule: 'number',
  error: 'string',
};

/** Reads one `regsim fuzz --json` output. */
export function parseFuzzResult(text: string): Check<FuzzResult> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const problem =
    badField(
      value,
      {
        seed: 'number',
        strategy: 'string',
        schedules: 'number',
        elapsedMs: 'number',
        threads: 'number',
        campaign: 'object',
        implementations: 'array',
        violations: 'array',
      },
      'result',
    ) ?? deepProblem(value as Record<string, unknown>);
  if (problem !== undefined) return { ok: false, error: `not a regsim fuzz --json result: ${problem}` };
  return { ok: true, value: value as unknown as FuzzResult };
}

function deepProblem(result: Record<string, unknown>): string | undefined {
  const campaign = result.campaign as Record<string, unknown>;
  const problem = badField(
    campaign,
    { impls: 'array', strategy: 'string', depth: 'number', seed: 'number', schedules: 'number' },
    'campaign',
  );
  if (problem !== undefined) return problem;
  const shard = result.shard;
  if (shard !== null) {
    const bad = badField(shard, { index: 'number', count: 'number' }, 'shard');
    if (bad !== undefined) return bad;
  }
  const implementations = result.implementations as unknown[];
  for (const [i, impl] of implementations.entries()) {
    const bad = badField(impl, IMPLEMENTATION_FIELDS, `implementations[${i}]`);
    if (bad !== undefined) return bad;
    for (const [j, error] of ((impl as Record<string, unknown>).errors as unknown[]).entries()) {
      const badError = badField(error, ERROR_FIELDS, `implementations[${i}].errors[${j}]`);
      if (badError !== undefined) return badError;
    }
  }
  for (const [i, violation] of (result.violations as unknown[]).entries()) {
    const bad = badField(violation, VIOLATION_FIELDS, `violations[${i}]`);
    if (bad !== undefined) return bad;
  }
  return undefined;
}
