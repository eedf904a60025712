/**
 * A worker spec as indexes into the universe: one or two models, or none (a wildcard), and every
 * type and mode. Shrinks towards the first URL, one model, Regular/Http.
 */
import fc from 'fast-check';
import {
  CONNECTION_MODES,
  type ConnectionMode,
  WORKER_TYPES,
  type WorkerType,
} from '../../../src/domain/worker.ts';

export interface RawWorker {
  readonly url: number;
  /** Model indexes; empty is a wildcard worker. */
  readonly models: readonly number[];
  readonly type: WorkerType;
  readonly mode: ConnectionMode;
}

export const rawWorkerArbitrary: fc.Arbitrary<RawWorker> = fc.record({
  url: fc.nat({ max: 2 }),
  models: fc.oneof(
    fc.nat({ max: 3 }).map((m) => [m]),
    fc.uniqueArray(fc.nat({ max: 3 }), { minLength: 2, maxLength: 2 }),
    fc.constant([]),
  ),
  type: fc.constantFrom(...WORKER_TYPES),
  mode: fc.constantFrom(...CONNECTION_MODES),
});
