/**
 * One client operation, generated as indexes into the scenario's universe and worker pool and
 * resolved when the scenario is built. Indexes (not chained values) keep every part shrinkable
 * on its own: towards the first URL, model, worker and id, and towards `register`, the first
 * branch. Every kind the implementation offers is generated, and none it lacks.
 */
import fc from 'fast-check';
import {
  CONNECTION_MODES,
  type ConnectionMode,
  WORKER_TYPES,
  type WorkerType,
} from '../../../src/domain/worker.ts';
import { type ArgumentName, type OperationKind, operationKind } from '../../../src/spec/operations.ts';

/** What an operation is generated as: a kind, or spec §4's create-worker flow (reserve, then registerOrReplace). */
export type GeneratedKind = OperationKind | 'createWorker';

/** Each argument before resolution: an index, reduced modulo the universe's sizes; a type or mode as is. */
export interface RawArguments {
  readonly worker: number;
  readonly id: number;
  readonly url: number;
  readonly model: number;
  readonly key: number;
  readonly type: WorkerType;
  readonly mode: ConnectionMode;
}

/** An operation before resolution: its kind and the arguments that kind takes. */
export type RawOp = { readonly op: GeneratedKind } & Partial<RawArguments>;

const index = fc.nat({ max: 3 });

/** How each argument is drawn: an index into the universe (a ring key is one of two), a type or mode from its list. */
const ARGUMENTS: { readonly [A in ArgumentName]: fc.Arbitrary<RawArguments[A]> } = {
  worker: index,
  id: index,
  url: index,
  model: index,
  key: fc.nat({ max: 1 }),
  type: fc.constantFrom(...WORKER_TYPES),
  mode: fc.constantFrom(...CONNECTION_MODES),
};

/**
 * The branches of `fc.oneof` and their weights, in branch order: the order decides which
 * operation a seed draws and where shrinking heads. Every operation is drawn, bare reservations
 * and their release (#2572) and `get` by id included.
 */
const WEIGHTS: readonly (readonly [GeneratedKind, number])[] = [
  ['register', 4],
  ['getByUrl', 2],
  ['registerOrReplace', 3],
  ['replace', 3],
  ['remove', 2],
  ['removeByUrl', 2],
  ['createWorker', 2],
  ['getByModel', 2],
  ['getByType', 1],
  ['getByConnection', 1],
  ['ringLookup', 1],
  ['reserve', 1],
  ['releaseReservation', 1],
  ['get', 1],
];

/** The arguments a generated kind takes. */
export function rawArgumentsOf(kind: GeneratedKind): readonly ArgumentName[] {
  return kind === 'createWorker' ? ['worker'] : operationKind(kind).arguments;
}

/** The kinds a generated kind needs the implementation to offer. */
const needs = (kind: GeneratedKind): readonly OperationKind[] =>
  kind === 'createWorker' ? ['registerOrReplace', 'reserve'] : [kind];

/** A kind's arguments: one mapped on its own, several as a record so each shrinks on its own. */
function kindArbitrary(kind: GeneratedKind): fc.Arbitrary<RawOp> {
  const names = rawArgumentsOf(kind);
  if (names.length === 1) {
    const name = names[0]!;
    const argument: fc.Arbitrary<RawArguments[ArgumentName]> = ARGUMENTS[name];
    return argument.map((value) => ({ op: kind, [name]: value }));
  }
  const record = Object.fromEntries(names.map((name) => [name, ARGUMENTS[name]]));
  return fc.record(record).map((values) => ({ op: kind, ...values }));
}

/** One operation of the kinds in `kinds`, with the weights of `WEIGHTS`. */
export function rawOperationArbitrary(kinds: ReadonlySet<OperationKind>): fc.Arbitrary<RawOp> {
  const choices: fc.WeightedArbitrary<RawOp>[] = [];
  for (const [kind, weight] of WEIGHTS) {
    if (needs(kind).every((k) => kinds.has(k))) choices.push({ weight, arbitrary: kindArbitrary(kind) });
  }
  return fc.oneof(...choices);
}
