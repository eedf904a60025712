/**
 * Parses and validates a scenario from JSON. Errors are values naming the offending path, so the
 * CLI can print one clear line. `createWorker` (spec §4's reserve-then-upsert flow) is expanded
 * here into its two operations.
 */
import {
  CONNECTION_MODES,
  type ConnectionMode,
  WORKER_TYPES,
  type WorkerSpec,
  type WorkerType,
} from '../../src/domain/worker.ts';
import { OPERATIONS, type OperationKind, operationKind } from '../../src/spec/operations.ts';
import type { Scenario, ScenarioOp, ScenarioTask } from './types.ts';

export type ParseResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly error: string };

class ScenarioError extends Error {}

type Json = unknown;

const isRecord = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(path: string, message: string): never {
  throw new ScenarioError(`${path}: ${message}`);
}

function str(v: Json, path: string): string {
  if (typeof v !== 'string' || v.length === 0) fail(path, 'expected a non-empty string');
  return v;
}

function optionalStr(v: Json, path: string): string | undefined {
  return v === undefined ? undefined : str(v, path);
}

function parseWorkerSpec(v: Json, path: string): WorkerSpec {
  if (!isRecord(v)) fail(path, 'expected a worker object');
  const models = v.models;
  if (models !== undefined && (!Array.isArray(models) || models.some((m) => typeof m !== 'string'))) {
    fail(`${path}.models`, 'expected an array of model ids');
  }
  if (v.type !== undefined && !WORKER_TYPES.includes(v.type as WorkerType)) {
    fail(`${path}.type`, `expected one of ${WORKER_TYPES.join(', ')}`);
  }
  if (v.mode !== undefined && !CONNECTION_MODES.includes(v.mode as ConnectionMode)) {
    fail(`${path}.mode`, `expected one of ${CONNECTION_MODES.join(', ')}`);
  }
  for (const field of ['priority', 'cost'] as const) {
    if (v[field] !== undefined && typeof v[field] !== 'number') fail(`${path}.${field}`, 'expected a number');
  }
  if (
    v.labels !== undefined &&
    (!isRecord(v.labels) || Object.values(v.labels).some((x) => typeof x !== 'string'))
  ) {
    fail(`${path}.labels`, 'expected an object of strings');
  }
  return v as unknown as WorkerSpec;
}

function parseOps(v: Json, path: string, workers: Record<string, WorkerSpec>): ScenarioOp[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) fail(path, 'expected an array of operations');
  return v.flatMap((raw, i) => parseOp(raw, `${path}[${i}]`, workers));
}

function parseOp(v: Json, path: string, workers: Record<string, WorkerSpec>): ScenarioOp[] {
  if (!isRecord(v)) fail(path, 'expected an operation object');
  const worker = () => {
    const name = str(v.worker, `${path}.worker`);
    if (!Object.hasOwn(workers, name)) fail(`${path}.worker`, `unknown worker "${name}"`);
    return name;
  };
  const as = optionalStr(v.as, `${path}.as`);
  const bind = as === undefined ? {} : { as };
  if (v.op === 'createWorker') {
    const name = worker();
    return [
      { op: 'reserve', url: workers[name]!.url },
      { op: 'registerOrReplace', worker: name, ...bind },
    ];
  }
  if (typeof v.op !== 'string' || !Object.hasOwn(OPERATIONS, v.op)) {
    return fail(`${path}.op`, `unknown operation ${JSON.stringify(v.op)}`);
  }
  const spec = operationKind(v.op as OperationKind);
  const op: Record<string, unknown> = { op: v.op };
  for (const name of spec.arguments) {
    if (name === 'worker') op.worker = worker();
    else if (name === 'type') op.type = oneOf(WORKER_TYPES, v.type, `${path}.type`);
    else if (name === 'mode') op.mode = oneOf(CONNECTION_MODES, v.mode, `${path}.mode`);
    else op[name] = str(v[name], `${path}.${name}`);
  }
  // Each of the kind's arguments was checked against its type above.
  return [(spec.bindsId ? { ...op, ...bind } : op) as ScenarioOp];
}

function oneOf<T extends string>(values: readonly T[], v: Json, path: string): T {
  if (!values.includes(v as T)) fail(path, `expected one of ${values.join(', ')}`);
  return v as T;
}

const SCHEDULE_ENTRY = /^([^*\s]+)(\*([1-9]\d*)?)?$/;

/** Validates a parsed JSON value as a scenario. */
export function parseScenario(value: Json): ParseResult {
  try {
    if (!isRecord(value)) fail('scenario', 'expected a JSON object');
    const name = str(value.name, 'name');
    if (!isRecord(value.workers)) fail('workers', 'expected an object of named workers');
    // No prototype: worker names like `toString` or `__proto__` must not resolve to Object's members.
    const workers: Record<string, WorkerSpec> = Object.create(null);
    for (const [key, spec] of Object.entries(value.workers)) {
      workers[key] = parseWorkerSpec(spec, `workers.${key}`);
      str(workers[key].url, `workers.${key}.url`);
    }
    if (!Array.isArray(value.tasks) || value.tasks.length === 0)
      fail('tasks', 'expected a non-empty array of tasks');
    const tasks: ScenarioTask[] = value.tasks.map((raw, i) => {
      if (!isRecord(raw)) fail(`tasks[${i}]`, 'expected { name, ops }');
      const ops = parseOps(raw.ops, `tasks[${i}].ops`, workers);
      if (ops.length === 0) fail(`tasks[${i}].ops`, 'a task needs at least one operation');
      return { name: str(raw.name, `tasks[${i}].name`), ops };
    });
    const names = new Set<string>();
    for (const [i, task] of tasks.entries()) {
      if (names.has(task.name)) fail(`tasks[${i}].name`, `duplicate task name "${task.name}"`);
      names.add(task.name);
    }
    let schedule: string[] | undefined;
    if (value.schedule !== undefined) {
      if (!Array.isArray(value.schedule)) fail('schedule', 'expected an array of task names');
      schedule = value.schedule.map((entry, i) => {
        const match = typeof entry === 'string' ? SCHEDULE_ENTRY.exec(entry) : null;
        if (match === null) fail(`schedule[${i}]`, 'expected "T", "T*n" (n ≥ 1) or "T*"');
        if (!names.has(match[1]!)) fail(`schedule[${i}]`, `no task named "${match[1]}"`);
        return entry as string;
      });
    }
    const description = optionalStr(value.description, 'description');
    return {
      ok: true,
      scenario: {
        name,
        ...(description === undefined ? {} : { description }),
        workers,
        setup: parseOps(value.setup, 'setup', workers),
        tasks,
        post: parseOps(value.post, 'post', workers),
        ...(schedule === undefined ? {} : { schedule }),
      },
    };
  } catch (error) {
    if (error instanceof ScenarioError) return { ok: false, error: error.message };
    throw error;
  }
}

/** Parses scenario JSON text. */
export function parseScenarioText(text: string): ParseResult {
  let value: Json;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `malformed JSON: ${(error as Error).message}` };
  }
  return parseScenario(value);
}
