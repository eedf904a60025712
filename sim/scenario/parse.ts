/**
 * Parses and validates a scenario from JSON. Errors are values naming the offending path (or the
 * line, for the JSON itself), so the CLI can print one clear line. Parsing is strict: a field
 * the format does not have is an error, since a misspelt `schedule` or `as` would otherwise be
 * dropped without a word. `createWorker` (spec §4's reserve-then-upsert flow) is expanded here
 * into its two operations.
 */
import {
  CONNECTION_MODES,
  type ConnectionMode,
  WORKER_TYPES,
  type WorkerSpec,
  type WorkerType,
} from '../../src/domain/worker.ts';
import { OPERATIONS, type OperationKind, operationKind } from '../../src/spec/operations.ts';
import { parseScriptEntry } from '../schedule/codec.ts';
import { parseStrictJson } from './strictJson.ts';
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

/** Fails on the first field of `v` not in `fields`; `what` names the object in the message. */
function onlyFields(v: Record<string, Json>, fields: readonly string[], path: string, what: string): void {
  const unknown = Object.keys(v).find((key) => !fields.includes(key));
  if (unknown !== undefined) {
    fail(path === '' ? unknown : `${path}.${unknown}`, `unknown field (${what} has ${fields.join(', ')})`);
  }
}

const SCENARIO_FIELDS = ['name', 'description', 'workers', 'setup', 'tasks', 'post', 'schedule'];
const WORKER_FIELDS = ['url', 'models', 'type', 'mode', 'priority', 'cost', 'labels'];
const TASK_FIELDS = ['name', 'ops'];
/** An operation's fields besides `op`: its arguments, and `as` where it returns an id to bind. */
function operationFields(op: string): readonly string[] | undefined {
  if (op === 'createWorker') return ['worker', 'as'];
  if (!Object.hasOwn(OPERATIONS, op)) return undefined;
  const spec = operationKind(op as OperationKind);
  return spec.bindsId ? [...spec.arguments, 'as'] : spec.arguments;
}

function parseWorkerSpec(v: Json, path: string): WorkerSpec {
  if (!isRecord(v)) fail(path, 'expected a worker object');
  onlyFields(v, WORKER_FIELDS, path, 'a worker');
  const models = v.models;
  if (
    models !== undefined &&
    (!Array.isArray(models) || models.some((m) => typeof m !== 'string' || m.length === 0))
  ) {
    fail(`${path}.models`, 'expected an array of model ids');
  }
  if (v.type !== undefined && !WORKER_TYPES.includes(v.type as WorkerType)) {
    fail(`${path}.type`, `expected one of ${WORKER_TYPES.join(', ')}`);
  }
  if (v.mode !== undefined && !CONNECTION_MODES.includes(v.mode as ConnectionMode)) {
    fail(`${path}.mode`, `expected one of ${CONNECTION_MODES.join(', ')}`);
  }
  for (const field of ['priority', 'cost'] as const) {
    const value = v[field];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value)))
      fail(`${path}.${field}`, 'expected a finite number');
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
  const fields = typeof v.op === 'string' ? operationFields(v.op) : undefined;
  if (fields !== undefined) onlyFields(v, ['op', ...fields], path, `${v.op}`);
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

/** Validates a parsed JSON value as a scenario. */
export function parseScenario(value: Json): ParseResult {
  try {
    if (!isRecord(value)) fail('scenario', 'expected a JSON object');
    onlyFields(value, SCENARIO_FIELDS, '', 'a scenario');
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
      onlyFields(raw, TASK_FIELDS, `tasks[${i}]`, 'a task');
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
        const planned = typeof entry === 'string' ? parseScriptEntry(entry) : undefined;
        if (planned === undefined) fail(`schedule[${i}]`, 'expected "T", "T*n" (n ≥ 1) or "T*"');
        if (!names.has(planned.task)) fail(`schedule[${i}]`, `no task named "${planned.task}"`);
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

/** Parses scenario JSON text (strictly: see `strictJson.ts`). */
export function parseScenarioText(text: string): ParseResult {
  const json = parseStrictJson(text);
  return json.ok ? parseScenario(json.value) : json;
}
