/**
 * What a throughput benchmark measures: a registry behind the few calls a sequence makes, built
 * fresh for every cell and round. Any split-API `Implementation` (built in or a plugin) becomes
 * one in production mode; the project's own benchmarks add registries that are not
 * implementations (a plain `Map` floor, the actor registry on XState).
 */
import { createSequentialIds, type WorkerId } from '../../src/determinism/ids.ts';
import type { Worker } from '../../src/domain/worker.ts';
import { createProductionRuntime } from '../../src/memory/runtime.ts';
import type { SpecVariant } from '../../src/spec/sequentialSpec.ts';
import type { Implementation } from '../../src/types.ts';

/** The calls a sequence makes; a registry may answer synchronously. */
export interface BenchSubject {
  register(w: Worker): Promise<WorkerId | null> | WorkerId | null;
  replace(id: WorkerId, w: Worker): Promise<boolean> | boolean;
  removeByUrl(url: string): Promise<Worker | null> | Worker | null;
  getByUrl(url: string): Promise<Worker | null> | Worker | null;
  getByModel(model: string): Promise<readonly Worker[]> | readonly Worker[];
  ringLookup(model: string, key: string): Promise<string | null> | string | null;
  /** Live workers, for the checks (never timed). */
  liveCount(): number;
}

/** A registry to measure, by name. */
export interface BenchTarget {
  /** As tables print it: an implementation's name, or a plugin's path. */
  readonly name: string;
  /** The specification its answers are checked against. */
  readonly api: SpecVariant;
  /** The calls it offers: a mix drawing any other cannot run on it. */
  readonly operations: ReadonlySet<string>;
  /** A fresh, empty registry. */
  create(): BenchSubject;
}

const missing = (name: string, call: string) => () => {
  throw new Error(`${name} has no ${call}`);
};

/** `impl` in production mode, with fresh sequential ids for every registry. */
export function targetOf(impl: Implementation): BenchTarget {
  return {
    name: impl.name,
    api: impl.api,
    operations: impl.operations,
    create: () => {
      const registry = impl.create(createProductionRuntime(createSequentialIds()));
      return {
        register: (w) => registry.register(w),
        // Only reached when the mix draws `replace`, which the operations check rules out.
        replace: registry.replace?.bind(registry) ?? missing(impl.name, 'replace'),
        removeByUrl: (url) => registry.removeByUrl(url),
        getByUrl: (url) => registry.getByUrl(url),
        getByModel: (model) => registry.getByModel(model),
        ringLookup: (model, key) => registry.ringLookup(model, key),
        liveCount: () => registry.inspect().workers.size,
      };
    },
  };
}
