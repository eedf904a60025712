/**
 * The bounded universes `regsim verify` enumerates: a few URLs, and per URL a compact set of
 * worker variants, each a (models, type, mode) choice that drives the indexes differently.
 *
 * `small`: URLs U1, U2; models a, b; variants A = ({a}, Regular, Http) and B = ({b}, Prefill,
 * Grpc), offered on every URL (workers A1, B1, A2, B2); a setup of at most one worker (bound to
 * X1). Between two of these workers every relation the indexes distinguish occurs: the same
 * object again (A1 after A1: a new object under a kept model, which the model index must swap),
 * the same URL with every indexed field changed (A1 → B1: a model dropped and one added, a type
 * and a mode change), another URL sharing a model (A1, A2: one model slice and ring over two
 * URLs) and another URL sharing nothing (A1, B2). Type and mode change together here.
 *
 * `medium`: `small` plus the variant C = ({a, b}, Decode, Http) — a multi-model worker (against A
 * one model kept and one added, against B the other way round), a third type, and a type change
 * without a mode change (C against A) or a mode change with it (C against B) — and a setup of up to
 * two workers on distinct URLs (X1, X2), so that tasks can race on two existing workers.
 *
 * Left out of both: wildcard workers (no model; HEAD's `"unknown"` ring) and labels, priority
 * and cost, which no index reads. The fuzzer's generated scenarios cover those.
 */
import type { ConnectionMode, WorkerType } from '../../src/domain/worker.ts';

/** One worker variant, offered on every URL of its universe. */
export interface WorkerVariant {
  /** One letter; a worker is named by it and its URL's number (`A1`, `B2`). */
  readonly name: string;
  readonly models: readonly string[];
  readonly type: WorkerType;
  readonly mode: ConnectionMode;
}

/** The universes' names. */
export type UniverseName = 'small' | 'medium';

export interface Universe {
  readonly name: UniverseName;
  readonly urls: readonly string[];
  readonly variants: readonly WorkerVariant[];
  /** Workers the setup may register (on distinct URLs), bound to X1, X2, … for `replace` and `remove`. */
  readonly maxSetup: number;
}

const A: WorkerVariant = { name: 'A', models: ['a'], type: 'Regular', mode: 'Http' };
const B: WorkerVariant = { name: 'B', models: ['b'], type: 'Prefill', mode: 'Grpc' };
const C: WorkerVariant = { name: 'C', models: ['a', 'b'], type: 'Decode', mode: 'Http' };

/** Every universe by name. */
export const UNIVERSES: { readonly [N in UniverseName]: Universe } = {
  small: { name: 'small', urls: ['U1', 'U2'], variants: [A, B], maxSetup: 1 },
  medium: { name: 'medium', urls: ['U1', 'U2'], variants: [A, B, C], maxSetup: 2 },
};

export const UNIVERSE_NAMES = Object.keys(UNIVERSES) as UniverseName[];

/** Whether `name` names a universe. */
export function isUniverseName(name: string): name is UniverseName {
  return Object.hasOwn(UNIVERSES, name);
}
