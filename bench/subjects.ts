/**
 * The registries the project's own benchmarks measure (§3, §6, `actor.bench.ts`): the built-in
 * implementations as `regsim bench` runs them, plus two that are not implementations — `map`,
 * the plain synchronous floor (`mapRegistry.ts`), and `actor-xstate`, the actor registry with
 * XState interpreting its chart.
 */

import { type BenchSubject, type BenchTarget, targetOf } from '../sim/throughput/subject.ts';
import { ActorRegistry } from '../src/actor/ActorRegistry.ts';
import { actor, asRegistry } from '../src/actor/implementation.ts';
import { findImplementation } from '../src/catalog.ts';
import { createSequentialIds } from '../src/determinism/ids.ts';
import { createProductionRuntime } from '../src/memory/runtime.ts';
import { MapRegistry } from './mapRegistry.ts';

/** A built-in implementation's name, or one of the two benchmark-only registries. */
export type SubjectImpl = 'actor' | 'actor-xstate' | 'v1113' | 'v836' | 'map';

const MAP_OPERATIONS: ReadonlySet<string> = new Set([
  'register',
  'replace',
  'removeByUrl',
  'getByUrl',
  'getByModel',
  'ringLookup',
]);

/** `impl` as `runBench` measures it. */
export function benchTarget(impl: SubjectImpl): BenchTarget {
  if (impl === 'map')
    return {
      name: 'map',
      api: 'split',
      operations: MAP_OPERATIONS,
      create: () => {
        const map = new MapRegistry(createSequentialIds());
        return {
          register: (w) => map.register(w),
          replace: (id, w) => map.replace(id, w),
          removeByUrl: (url) => map.removeByUrl(url),
          getByUrl: (url) => map.getByUrl(url),
          getByModel: (model) => map.getByModel(model),
          ringLookup: (model, key) => map.ringLookup(model, key),
          liveCount: () => map.size,
        };
      },
    };
  if (impl === 'actor-xstate')
    return {
      name: 'actor-xstate',
      api: 'split',
      operations: actor.operations,
      create: () => {
        const registry = new ActorRegistry(createProductionRuntime(createSequentialIds()), {
          engine: 'interpreted',
        });
        const view = asRegistry(registry);
        return { ...view, replace: view.replace!, liveCount: () => registry.liveCount };
      },
    };
  const builtIn = findImplementation(impl);
  if (builtIn === undefined) throw new Error(`no implementation ${impl}`);
  return targetOf(builtIn);
}

/** A fresh, empty registry of `impl` in production mode. */
export function createSubject(impl: SubjectImpl): BenchSubject {
  return benchTarget(impl).create();
}
