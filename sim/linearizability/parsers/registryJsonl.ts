/**
 * Parses a registry history written as JSON Lines, one event per line (line numbers are times):
 *
 *     {"variant": "upsert"}                      optional, before any event (default "split")
 *     {"client": 0, "call": {"kind": "register", "worker": {"label": "A", "url": "U", "models": ["a"]}}}
 *     {"client": 0, "return": "id1"}
 *
 * A call is an `Operation` with its worker given as a label plus a `WorkerSpec`; a return holds
 * the `OpResult`. A call never returned is pending.
 */
import { CONNECTION_MODES, createWorker, WORKER_TYPES, type Worker } from '../../../src/domain/worker.ts';
import type { Operation, OperationKind, OpResult } from '../../../src/spec/operations.ts';
import type { SpecVariant } from '../../../src/spec/sequentialSpec.ts';
import { type HistoryEvent, type HistoryFault, type Op, opsFromEvents } from '../model.ts';

/** The operations and the specification variant, or where and why the input is malformed. */
export type RegistryParse =
  | { readonly ok: true; readonly ops: Op<Operation, OpResult>[]; readonly variant: SpecVariant }
  | HistoryFault;

type Field = 'id' | 'worker' | 'url' | 'model' | 'type' | 'mode' | 'key';

/** The arguments each operation kind takes. */
const FIELDS: Readonly<Record<OperationKind, readonly Field[]>> = {
  register: ['worker'],
  registerOrReplace: ['worker'],
  replace: ['id', 'worker'],
  remove: ['id'],
  get: ['id'],
  removeByUrl: ['url'],
  reserve: ['url'],
  releaseReservation: ['url'],
  getByUrl: ['url'],
  getByModel: ['model'],
  getByType: ['type'],
  getByConnection: ['mode'],
  ringLookup: ['model', 'key'],
};

/** Parses one history; a malformed line is reported with its 1-based line number, an empty one as such. */
export function parseRegistryJsonl(text: string): RegistryParse {
  let variant: SpecVariant = 'split';
  const events: HistoryEvent<Operation, OpResult>[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = index + 1;
    if (raw.trim() === '') continue;
    const event = parseLine(raw, line);
    if (typeof event === 'string') return { ok: false, line, message: event };
    if ('variant' in event) {
      if (events.length > 0) return { ok: false, line, message: 'the variant must come before the events' };
      variant = event.variant;
    } else {
      events.push(event);
    }
  }
  if (events.length === 0) return { ok: false, message: 'no registry operations' };
  const parsed = opsFromEvents(events);
  return parsed.ok ? { ok: true, ops: parsed.ops, variant } : parsed;
}

type Line = HistoryEvent<Operation, OpResult> | { readonly variant: SpecVariant };

function parseLine(raw: string, line: number): Line | string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return 'not valid JSON';
  }
  if (!isRecord(value)) return 'expected a JSON object';
  if ('variant' in value) {
    return value.variant === 'upsert' || value.variant === 'split'
      ? { variant: value.variant }
      : 'variant must be "upsert" or "split"';
  }
  const client = value.client;
  if (typeof client !== 'number' || !Number.isInteger(client)) return 'client must be an integer';
  if ('call' in value) {
    const input = parseOperation(value.call);
    return typeof input === 'string' ? input : { kind: 'call', client, input, time: line };
  }
  if ('return' in value) {
    return isResult(value.return)
      ? { kind: 'return', client, output: value.return, time: line }
      : 'return must be null, a boolean, a string or an array of strings';
  }
  return 'expected "call", "return" or "variant"';
}

function parseOperation(value: unknown): Operation | string {
  if (!isRecord(value) || typeof value.kind !== 'string' || !Object.hasOwn(FIELDS, value.kind)) {
    return `call.kind must be one of ${Object.keys(FIELDS).join(', ')}`;
  }
  const kind = value.kind as OperationKind;
  const op: Record<string, unknown> = { kind };
  for (const field of FIELDS[kind]) {
    const arg = parseArgument(field, value[field]);
    if ('error' in arg) return `${kind}: ${arg.error}`;
    op[field] = arg.value;
  }
  // FIELDS lists exactly the arguments of each kind, and each one was checked.
  return op as Operation;
}

function parseArgument(field: Field, value: unknown): { value: unknown } | { error: string } {
  switch (field) {
    case 'worker': {
      const worker = parseWorker(value);
      return typeof worker === 'string' ? { error: worker } : { value: worker };
    }
    case 'type':
      return isOneOf(WORKER_TYPES, value)
        ? { value }
        : { error: `type must be one of ${WORKER_TYPES.join(', ')}` };
    case 'mode':
      return isOneOf(CONNECTION_MODES, value)
        ? { value }
        : { error: `mode must be one of ${CONNECTION_MODES.join(', ')}` };
    default:
      return typeof value === 'string' ? { value } : { error: `${field} must be a string` };
  }
}

function parseWorker(value: unknown): Worker | string {
  if (!isRecord(value) || typeof value.label !== 'string' || typeof value.url !== 'string') {
    return 'worker needs a string label and url';
  }
  const { models, type, mode, priority, cost, labels } = value;
  if (models !== undefined && !isStringArray(models)) return 'worker.models must be an array of strings';
  if (type !== undefined && !isOneOf(WORKER_TYPES, type))
    return `worker.type must be one of ${WORKER_TYPES.join(', ')}`;
  if (mode !== undefined && !isOneOf(CONNECTION_MODES, mode))
    return `worker.mode must be one of ${CONNECTION_MODES.join(', ')}`;
  if (priority !== undefined && typeof priority !== 'number') return 'worker.priority must be a number';
  if (cost !== undefined && typeof cost !== 'number') return 'worker.cost must be a number';
  if (
    labels !== undefined &&
    !(isRecord(labels) && Object.values(labels).every((v) => typeof v === 'string'))
  ) {
    return 'worker.labels must map strings to strings';
  }
  return createWorker(value.label, {
    url: value.url,
    models,
    type,
    mode,
    priority,
    cost,
    labels: labels as Record<string, string> | undefined,
  });
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return values.some((v) => v === value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((x) => typeof x === 'string');
}

function isResult(value: unknown): value is OpResult {
  return value === null || typeof value === 'boolean' || typeof value === 'string' || isStringArray(value);
}
