/**
 * Turns scenario operations into calls on a registry: resolves worker names and id bindings,
 * and encodes each result the way histories and the sequential specification compare them.
 */
import type { WorkerId } from '../../src/determinism/ids.ts';
import { createWorker, type Worker } from '../../src/domain/worker.ts';
import type { Operation, OperationKind, OpResult } from '../../src/spec/operations.ts';
import type { Implementation, Registry } from '../../src/types.ts';
import type { Scenario, ScenarioOp } from './types.ts';

/** Names bound by `as`, shared by every phase of one run. */
export type Bindings = Map<string, WorkerId>;

/** A fresh worker object for the scenario's worker `name` (each registration builds its own). */
function workerNamed(scenario: Scenario, name: string): Worker {
  return createWorker(name, scenario.workers[name]!);
}

/** The concrete operation a scenario step stands for, with its ids resolved now (unbound names stay as they are). */
export function resolveOperation(scenario: Scenario, step: ScenarioOp, bindings: Bindings): Operation {
  switch (step.op) {
    case 'register':
    case 'registerOrReplace':
      return { kind: step.op, worker: workerNamed(scenario, step.worker) };
    case 'replace':
      return {
        kind: 'replace',
        id: bindings.get(step.id) ?? step.id,
        worker: workerNamed(scenario, step.worker),
      };
    case 'remove':
    case 'get':
      return { kind: step.op, id: bindings.get(step.id) ?? step.id };
    case 'removeByUrl':
    case 'reserve':
    case 'releaseReservation':
    case 'getByUrl':
      return { kind: step.op, url: step.url };
    case 'getByModel':
      return { kind: 'getByModel', model: step.model };
    case 'getByType':
      return { kind: 'getByType', type: step.type };
    case 'getByConnection':
      return { kind: 'getByConnection', mode: step.mode };
    case 'ringLookup':
      return { kind: 'ringLookup', model: step.model, key: step.key };
  }
}

const labels = (workers: readonly Worker[]): string[] => workers.map((w) => w.label).sort();
const labelOf = (w: Worker | null): string | null => (w === null ? null : w.label);

/** Calls the registry for `op` and encodes the result (see `OpResult`). */
export async function performOperation(registry: Registry, op: Operation): Promise<OpResult> {
  switch (op.kind) {
    case 'register':
      return registry.register(op.worker);
    case 'registerOrReplace':
      // Before R0, `register` is the upsert.
      return registry.registerOrReplace === undefined
        ? registry.register(op.worker)
        : registry.registerOrReplace(op.worker);
    case 'replace':
      if (registry.replace === undefined) throw new Error('this registry has no replace');
      return registry.replace(op.id, op.worker);
    case 'remove':
      return labelOf(await registry.remove(op.id));
    case 'removeByUrl':
      return labelOf(await registry.removeByUrl(op.url));
    case 'reserve':
      return registry.reserveIdForUrl(op.url);
    case 'releaseReservation':
      if (registry.releaseReservation === undefined)
        throw new Error('this registry has no releaseReservation');
      return registry.releaseReservation(op.url);
    case 'get':
      return labelOf(await registry.get(op.id));
    case 'getByUrl':
      return labelOf(await registry.getByUrl(op.url));
    case 'getByModel':
      return labels(await registry.getByModel(op.model));
    case 'getByType':
      return labels(await registry.getByType(op.type));
    case 'getByConnection':
      return labels(await registry.getByConnection(op.mode));
    case 'ringLookup':
      return registry.ringLookup(op.model, op.key);
  }
}

/** The operation kinds a scenario uses that `impl` does not offer. */
export function unsupportedOperations(scenario: Scenario, impl: Implementation): OperationKind[] {
  const used = new Set<OperationKind>();
  for (const step of [...scenario.setup, ...scenario.tasks.flatMap((t) => t.ops), ...scenario.post])
    used.add(step.op);
  return [...used].filter((kind) => !impl.operations.has(kind));
}
