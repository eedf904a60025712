/** Shared set-up for the actor registry's tests: a production-mode registry and workers. */
import { ActorRegistry, type ActorRegistryOptions } from '../../src/actor/ActorRegistry.ts';
import { createSequentialIds } from '../../src/determinism/ids.ts';
import { createWorker, type Worker, type WorkerSpec } from '../../src/domain/worker.ts';
import { createProductionRuntime, type Runtime } from '../../src/memory/runtime.ts';

/** A registry in production mode with readable sequential ids (`id1`, `id2`, …). */
export function createRegistry(options?: ActorRegistryOptions): ActorRegistry {
  return new ActorRegistry(createProductionRuntime(createSequentialIds()), options);
}

/** A worker labelled `label` at `url` serving `models`. */
export function worker(
  label: string,
  url: string,
  models: readonly string[],
  spec: Partial<WorkerSpec> = {},
): Worker {
  return createWorker(label, { ...spec, url, models });
}

/** The value of an `Ok` result, failing the test with the failure otherwise. */
export function unwrap<T>(result: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!result.ok) throw new Error(`expected Ok, got ${result.reason}`);
  return result.value;
}

/** A production-mode runtime whose chosen steps wait until `open()`, to pause commands mid-way. */
export interface GatedRuntime {
  readonly rt: Runtime;
  /** From now on, steps `target.op` (e.g. `index.commit`) wait. */
  hold(step: string): void;
  /** Lets every waiting step go on, and stops holding. */
  open(): void;
}

export function createGatedRuntime(): GatedRuntime {
  const base = createProductionRuntime(createSequentialIds());
  const held = new Set<string>();
  const waiting: (() => void)[] = [];
  return {
    rt: {
      ...base,
      step: (target, op) =>
        held.has(`${target}.${op}`) ? new Promise<void>((resolve) => waiting.push(resolve)) : undefined,
    },
    hold: (step) => held.add(step),
    open: () => {
      held.clear();
      for (const resume of waiting.splice(0)) resume();
    },
  };
}
