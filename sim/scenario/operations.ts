/**
 * Turns scenario operations into calls on a registry: resolves worker names and id bindings,
 * and encodes each result the way histories and the sequential specification compare them.
 */
import type { WorkerId } from '../../src/determinism/ids.ts';
import { createWorker, type Worker } from '../../src/domain/worker.ts';
import {
  type Operation,
  type OperationKind,
  type OpResult,
  operationKind,
} from '../../src/spec/operations.ts';
import type { Implementation, Registry } from '../../src/types.ts';
import type { Scenario, ScenarioArguments, ScenarioOp } from './types.ts';

/** Names bound by `as`, shared by every phase of one run. */
export type Bindings = Map<string, WorkerId>;

/** A fresh worker object for the scenario's worker `name` (each registration builds its own). */
function workerNamed(scenario: Scenario, name: string): Worker {
  return createWorker(name, scenario.workers[name]!);
}

/** The concrete operation a scenario step stands for, with its ids resolved now (unbound names stay as they are). */
export function resolveOperation(scenario: Scenario, step: ScenarioOp, bindings: Bindings): Operation {
  const written: Partial<ScenarioArguments> = step;
  const op: Record<string, unknown> = { kind: step.op };
  for (const name of operationKind(step.op).arguments) {
    const value = written[name]!;
    if (name === 'worker') op.worker = workerNamed(scenario, value);
    else if (name === 'id') op.id = bindings.get(value) ?? value;
    else op[name] = value;
  }
  // The table lists exactly each kind's arguments, and each was resolved to its operation type.
  return op as Operation;
}

/** Calls the registry for `op` and encodes the result (see `OpResult`). */
export function performOperation(registry: Registry, op: Operation): Promise<OpResult> {
  return operationKind(op.kind).call(registry, op);
}

/** The operation kinds a scenario uses that `impl` does not offer. */
export function unsupportedOperations(scenario: Scenario, impl: Implementation): OperationKind[] {
  const used = new Set<OperationKind>();
  for (const step of [...scenario.setup, ...scenario.tasks.flatMap((t) => t.ops), ...scenario.post])
    used.add(step.op);
  return [...used].filter((kind) => !impl.operations.has(kind));
}
