/**
 * The registry's operation vocabulary, shared by scenarios, histories, the sequential
 * specification and the linearizability model. Results are encoded as plain values so that
 * histories compare and print the same way for every implementation.
 *
 * `OPERATIONS` is the one table of operation kinds: what each takes, whether it writes, whether
 * a scenario may bind its id, and how it is called on a registry. The scenario parser, the
 * generator, the executor, the reports and the plugin loader read it rather than switch on kinds.
 */
import type { WorkerId } from '../determinism/ids.ts';
import type { ConnectionMode, Worker, WorkerType } from '../domain/worker.ts';
import type { Registry } from '../types.ts';

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

/** The operation of kind `K`. */
export type OperationOf<K extends OperationKind> = Extract<Operation, { readonly kind: K }>;

/** The argument names of kind `K` (of any kind, for the whole union). */
export type ArgumentOf<K extends OperationKind> = K extends OperationKind
  ? Exclude<keyof OperationOf<K>, 'kind'>
  : never;

/** Every argument name. A name means the same in every kind that takes it. */
export type ArgumentName = ArgumentOf<OperationKind>;

/**
 * Each argument's type. Assigning an `Operation` to `Partial<OperationArguments>` typechecks only
 * while every kind's fields agree with it, so code can read any operation's arguments by name.
 */
export interface OperationArguments {
  readonly worker: Worker;
  readonly id: WorkerId;
  readonly url: string;
  readonly model: string;
  readonly type: WorkerType;
  readonly mode: ConnectionMode;
  readonly key: string;
}

/**
 * An operation's observable result:
 * - `register`: the new id, or `null` when refused; `registerOrReplace`, `reserve`: an id;
 * - `replace`, `releaseReservation`: a boolean;
 * - `remove`, `removeByUrl`, `get`, `getByUrl`: the worker's label, or `null`;
 * - `getByModel`, `getByType`, `getByConnection`: the workers' labels, sorted (duplicates kept);
 * - `ringLookup`: the chosen URL, or `null`.
 */
export type OpResult = null | boolean | string | readonly string[];

/** What every layer needs to know about one operation kind. */
export interface OperationKindSpec<K extends OperationKind = OperationKind> {
  /** `write` when it may change the registry, `read` when it only reads it. */
  readonly access: 'read' | 'write';
  /**
   * Its arguments in order: the order a scenario's fields are validated and resolved in, and the
   * order a call prints them in (`replace(id1, W1)`).
   */
  readonly arguments: readonly ArgumentOf<K>[];
  /** Whether a scenario may bind the id it returns to a name (`"as": "X1"`) for later `id` arguments. */
  readonly bindsId: boolean;
  /**
   * Calls it on `registry` and encodes the answer (see `OpResult`). An async function, so that a
   * registry without the method rejects like a failed call instead of throwing.
   */
  call(registry: Registry, op: OperationOf<K>): Promise<OpResult>;
}

const labels = (workers: readonly Worker[]): string[] => workers.map((w) => w.label).sort();
const labelOf = (w: Worker | null): string | null => (w === null ? null : w.label);

/** The operation kinds, in the order of the `Operation` union (writes, then reads). */
export const OPERATIONS: { readonly [K in OperationKind]: OperationKindSpec<K> } = {
  register: {
    access: 'write',
    arguments: ['worker'],
    bindsId: true,
    call: async (registry, op) => registry.register(op.worker),
  },
  replace: {
    access: 'write',
    arguments: ['id', 'worker'],
    bindsId: false,
    call: async (registry, op) => {
      if (registry.replace === undefined) throw new Error('this registry has no replace');
      return registry.replace(op.id, op.worker);
    },
  },
  registerOrReplace: {
    access: 'write',
    arguments: ['worker'],
    bindsId: true,
    // Before R0, `register` is the upsert.
    call: async (registry, op) =>
      registry.registerOrReplace === undefined
        ? registry.register(op.worker)
        : registry.registerOrReplace(op.worker),
  },
  remove: {
    access: 'write',
    arguments: ['id'],
    bindsId: false,
    call: async (registry, op) => labelOf(await registry.remove(op.id)),
  },
  removeByUrl: {
    access: 'write',
    arguments: ['url'],
    bindsId: false,
    call: async (registry, op) => labelOf(await registry.removeByUrl(op.url)),
  },
  reserve: {
    access: 'write',
    arguments: ['url'],
    bindsId: true,
    call: async (registry, op) => registry.reserveIdForUrl(op.url),
  },
  releaseReservation: {
    access: 'write',
    arguments: ['url'],
    bindsId: false,
    call: async (registry, op) => {
      if (registry.releaseReservation === undefined)
        throw new Error('this registry has no releaseReservation');
      return registry.releaseReservation(op.url);
    },
  },
  get: {
    access: 'read',
    arguments: ['id'],
    bindsId: false,
    call: async (registry, op) => labelOf(await registry.get(op.id)),
  },
  getByUrl: {
    access: 'read',
    arguments: ['url'],
    bindsId: false,
    call: async (registry, op) => labelOf(await registry.getByUrl(op.url)),
  },
  getByModel: {
    access: 'read',
    arguments: ['model'],
    bindsId: false,
    call: async (registry, op) => labels(await registry.getByModel(op.model)),
  },
  getByType: {
    access: 'read',
    arguments: ['type'],
    bindsId: false,
    call: async (registry, op) => labels(await registry.getByType(op.type)),
  },
  getByConnection: {
    access: 'read',
    arguments: ['mode'],
    bindsId: false,
    call: async (registry, op) => labels(await registry.getByConnection(op.mode)),
  },
  ringLookup: {
    access: 'read',
    arguments: ['model', 'key'],
    bindsId: false,
    call: async (registry, op) => registry.ringLookup(op.model, op.key),
  },
};

/** The table's entry for `kind`, typed for any kind. */
export function operationKind(kind: OperationKind): OperationKindSpec {
  // Rows are typed for their own kind; TypeScript cannot relate the union of rows to the common
  // view (it takes `OperationKindSpec` as invariant in its kind), though each row fits it.
  return OPERATIONS[kind] as OperationKindSpec;
}

const KINDS = Object.keys(OPERATIONS) as OperationKind[];

/** Every operation kind. */
export const OPERATION_KINDS: ReadonlySet<OperationKind> = new Set(KINDS);

/** Operations that change the registry. */
export const WRITE_KINDS: ReadonlySet<OperationKind> = new Set(
  KINDS.filter((kind) => OPERATIONS[kind].access === 'write'),
);

/** Operations that only read the registry. */
export const READ_KINDS: ReadonlySet<OperationKind> = new Set(
  KINDS.filter((kind) => OPERATIONS[kind].access === 'read'),
);

/** A call as a table or history prints it, e.g. `replace(id1, W1)`: workers by label. */
export function describeOperation(op: Operation): string {
  const values: Partial<OperationArguments> = op;
  const shown = operationKind(op.kind).arguments.map((name) => {
    const value = values[name]!;
    return typeof value === 'string' ? value : value.label;
  });
  return `${op.kind}(${shown.join(', ')})`;
}

/** A result as a table or history prints it. */
export function describeResult(result: OpResult): string {
  if (result === null) return 'None';
  if (Array.isArray(result)) return `[${result.join(', ')}]`;
  return String(result);
}
