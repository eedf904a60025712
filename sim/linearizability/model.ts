/**
 * What the linearizability checker is given: a sequential model and a history of operations.
 * The shape follows Porcupine (github.com/anishathalye/porcupine, model.go): a tiny model object
 * whose optional parts get defaults once, in {@link fillDefaults}.
 */

/**
 * One operation of a history. Times are logical (e.g. event indices); operations whose call
 * and return times tie count as concurrent.
 * `ret === undefined` means the operation is pending: it may or may not have taken effect, so it
 * may be linearized anywhere after its call. `output === undefined` means its result is unknown
 * (always the case for a pending operation).
 */
export interface Op<I, O> {
  readonly client: number;
  readonly input: I;
  readonly call: number;
  readonly output?: O;
  readonly ret?: number;
}

/**
 * A sequential specification. `S` must not include `undefined` (it means "illegal") and `O` must
 * not include `undefined` (it means "unknown result").
 */
export interface Model<S, I, O> {
  init(): S;
  /**
   * The state after `input` returned `output`, or `undefined` if that output is illegal in
   * `state`. With `output === undefined` (unknown result) every outcome is acceptable.
   */
  step(state: S, input: I, output: O | undefined): S | undefined;
  /** Splits a history into independent sub-histories (P-compositionality). */
  partition?(ops: readonly Op<I, O>[]): readonly (readonly Op<I, O>[])[];
  /** A hash consistent with `equal`; the default (constant) leaves the cache to the bitset hash. */
  hash?(state: S): number;
  /** State equality for the cache; defaults to `===`. */
  equal?(a: S, b: S): boolean;
  describeOperation?(input: I, output: O | undefined): string;
  describeState?(state: S): string;
  /**
   * Optional, for speed: something `stepPrepared` may use for an operation, computed once per
   * operation and check (after `init`). A model offering both is stepped through
   * `stepPrepared`, which means the same as `step`.
   */
  prepare?(input: I, output: O | undefined): unknown;
  stepPrepared?(state: S, prepared: unknown, input: I, output: O | undefined): S | undefined;
}

/** A model whose optional parts are filled in (`prepare` and `stepPrepared` stay optional). */
export type FilledModel<S, I, O> = Required<Omit<Model<S, I, O>, 'prepare' | 'stepPrepared'>> &
  Pick<Model<S, I, O>, 'prepare' | 'stepPrepared'>;

// Filled models by model object, so a checker called thousands of times on one model fills it once.
const filledModels = new WeakMap<object, unknown>();

/** Fills the optional parts of a model with Porcupine's defaults (once per model object). */
export function fillDefaults<S, I, O>(model: Model<S, I, O>): FilledModel<S, I, O> {
  const known = filledModels.get(model);
  // Only this function stores into the map, always under the model it filled.
  if (known !== undefined) return known as FilledModel<S, I, O>;
  const filled: FilledModel<S, I, O> = {
    init: () => model.init(),
    step: (s, i, o) => model.step(s, i, o),
    partition: model.partition ? (ops) => model.partition!(ops) : (ops) => [ops],
    hash: model.hash ? (s) => model.hash!(s) : () => 0,
    equal: model.equal ? (a, b) => model.equal!(a, b) : (a, b) => a === b,
    describeOperation: model.describeOperation
      ? (i, o) => model.describeOperation!(i, o)
      : (i, o) => `${JSON.stringify(i)} → ${o === undefined ? '?' : JSON.stringify(o)}`,
    describeState: model.describeState ? (s) => model.describeState!(s) : (s) => JSON.stringify(s),
  };
  if (model.prepare && model.stepPrepared) {
    filled.prepare = (i, o) => model.prepare!(i, o);
    filled.stepPrepared = (s, p, i, o) => model.stepPrepared!(s, p, i, o);
  }
  filledModels.set(model, filled);
  return filled;
}

/**
 * A model with several possible next states per step (Porcupine's `NondeterministicModel`).
 * An empty array means the output is illegal.
 */
export interface NondeterministicModel<S, I, O> {
  init(): readonly S[];
  step(state: S, input: I, output: O | undefined): readonly S[];
  partition?(ops: readonly Op<I, O>[]): readonly (readonly Op<I, O>[])[];
  hash?(state: S): number;
  equal?(a: S, b: S): boolean;
  describeOperation?(input: I, output: O | undefined): string;
  describeState?(state: S): string;
}

/**
 * Turns a nondeterministic model into a deterministic one over sets of states (the powerset
 * construction Porcupine uses), so the search itself stays deterministic.
 */
export function fromNondeterministic<S, I, O>(m: NondeterministicModel<S, I, O>): Model<readonly S[], I, O> {
  const equal = m.equal ?? ((a: S, b: S) => a === b);
  const hash = m.hash ?? (() => 0);
  const addUnique = (set: S[], s: S): void => {
    if (!set.some((x) => equal(x, s))) set.push(s);
  };
  const model: Model<readonly S[], I, O> = {
    init: () => {
      const set: S[] = [];
      for (const s of m.init()) addUnique(set, s);
      return set;
    },
    step: (states, input, output) => {
      const next: S[] = [];
      for (const s of states) for (const n of m.step(s, input, output)) addUnique(next, n);
      return next.length === 0 ? undefined : next;
    },
    // A sum does not depend on the order in which the set's members were found.
    hash: (states) => states.reduce((h, s) => (h + hash(s)) | 0, 0),
    equal: (a, b) => a.length === b.length && a.every((x) => b.some((y) => equal(x, y))),
    describeState: (states) => {
      const one = m.describeState ?? ((s: S) => JSON.stringify(s));
      return states.length === 1 ? one(states[0]!) : `one of {${states.map(one).join('; ')}}`;
    },
  };
  if (m.partition) model.partition = (ops) => m.partition!(ops);
  if (m.describeOperation) model.describeOperation = (i, o) => m.describeOperation!(i, o);
  return model;
}

/**
 * A history as a sequence of events; a client has at most one operation open at a time.
 * `time` defaults to the event's index (a parser may use line numbers instead).
 */
export type HistoryEvent<I, O> =
  | { readonly kind: 'call'; readonly client: number; readonly input: I; readonly time?: number }
  | { readonly kind: 'return'; readonly client: number; readonly output?: O; readonly time?: number };

/**
 * Why a history cannot be checked. `line` is the offending event's time (its line number when
 * the history came from a file); it is absent when the fault is the whole input, such as a file
 * that holds no operation of the model.
 */
export interface HistoryFault {
  readonly ok: false;
  readonly line?: number;
  readonly message: string;
}

/** Either the operations of a history or why it cannot be checked. */
export type ParsedHistory<I, O> = { readonly ok: true; readonly ops: Op<I, O>[] } | HistoryFault;

/**
 * Pairs each client's call with its next return. Calls left open at the end become pending
 * operations; a return without `output` has an unknown result.
 */
export function opsFromEvents<I, O>(events: readonly HistoryEvent<I, O>[]): ParsedHistory<I, O> {
  const ops: Op<I, O>[] = [];
  const open = new Map<number, number>();
  for (const [index, e] of events.entries()) {
    const time = e.time ?? index;
    const current = open.get(e.client);
    if (e.kind === 'call') {
      if (current !== undefined) {
        return {
          ok: false,
          line: time,
          message: `client ${e.client} calls while its last call is still open`,
        };
      }
      open.set(e.client, ops.length);
      ops.push({ client: e.client, input: e.input, call: time });
    } else {
      if (current === undefined) {
        return { ok: false, line: time, message: `client ${e.client} returns without an open call` };
      }
      open.delete(e.client);
      const { client, input, call } = ops[current]!;
      ops[current] =
        e.output === undefined
          ? { client, input, call, ret: time }
          : { client, input, call, output: e.output, ret: time };
    }
  }
  return { ok: true, ops };
}
