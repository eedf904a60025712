/**
 * The registry's operation vocabulary, shared by scenarios, histories, the sequential
 * specification and the linearizability model. Results are encoded as plain values so that
 * histories compare and print the same way for every implementation.
 */
import type { WorkerId } from '../determinism/ids.ts';
import type { ConnectionMode, Worker, WorkerType } from '../domain/worker.ts';

/** One call on a registry, with every argument resolved (ids are concrete). */
export type Operation =
  | { readonly kind: 'register'; readonly worker: Worker }
  | { readonly kind: 'replace'; readonly id: WorkerId; readonly worker: Worker }
  | { readonly kind: 'registerOrReplace'; readonly worker: Worker }
  | { readonly kind: 'remove'; readonly id: WorkerId }
  | { readonly kind: 'removeByUrl'; readonly url: string }
  | { readonly kind: 'reserve'; readonly url: string }
  | { readonly kind: 'releaseReservation'; readonly url: string }
  | { readonly kind: 'get'; readonly id: WorkerId }
  | { readonly kind: 'getByUrl'; readonly url: string }
  | { readonly kind: 'getByModel'; readonly model: string }
  | { readonly kind: 'getByType'; readonly type: WorkerType }
  | { readonly kind: 'getByConnection'; readonly mode: ConnectionMode }
  | { readonly kind: 'ringLookup'; readonly model: string; readonly key: string };

export type OperationKind = Operation['kind'];

/**
 * An operation's observable result:
 * - `register`: the new id, or `null` when refused; `registerOrReplace`, `reserve`: an id;
 * - `replace`, `releaseReservation`: a boolean;
 * - `remove`, `removeByUrl`, `get`, `getByUrl`: the worker's label, or `null`;
 * - `getByModel`, `getByType`, `getByConnection`: the workers' labels, sorted (duplicates kept);
 * - `ringLookup`: the chosen URL, or `null`.
 */
export type OpResult = null | boolean | string | readonly string[];

/** Operations that change the registry (the rest only read it). */
export const WRITE_KINDS: ReadonlySet<OperationKind> = new Set([
  'register',
  'replace',
  'registerOrReplace',
  'remove',
  'removeByUrl',
  'reserve',
  'releaseReservation',
]);

/** Operations that only read the registry. */
export const READ_KINDS: ReadonlySet<OperationKind> = new Set([
  'get',
  'getByUrl',
  'getByModel',
  'getByType',
  'getByConnection',
  'ringLookup',
]);

/** Every operation kind. */
export const OPERATION_KINDS: ReadonlySet<OperationKind> = new Set([...WRITE_KINDS, ...READ_KINDS]);

/** A call as a table or history prints it, e.g. `replace(id1, W1)`. */
export function describeOperation(op: Operation): string {
  switch (op.kind) {
    case 'register':
    case 'registerOrReplace':
      return `${op.kind}(${op.worker.label})`;
    case 'replace':
      return `replace(${op.id}, ${op.worker.label})`;
    case 'remove':
    case 'get':
      return `${op.kind}(${op.id})`;
    case 'removeByUrl':
    case 'reserve':
    case 'releaseReservation':
    case 'getByUrl':
      return `${op.kind}(${op.url})`;
    case 'getByModel':
      return `getByModel(${op.model})`;
    case 'getByType':
      return `getByType(${op.type})`;
    case 'getByConnection':
      return `getByConnection(${op.mode})`;
    case 'ringLookup':
      return `ringLookup(${op.model}, ${op.key})`;
  }
}

/** A result as a table or history prints it. */
export function describeResult(result: OpResult): string {
  if (result === null) return 'None';
  if (Array.isArray(result)) return `[${result.join(', ')}]`;
  return String(result);
}

/** Structural equality of two results (arrays element-wise). */
export function sameResult(a: OpResult, b: OpResult): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b;
}
