/**
 * Generated scenarios over a small universe (2–3 URLs, 2–4 models) so that operations collide:
 * a pool of 2–4 workers, a sequential setup registering some of them (binding ids `X1`, `X2`),
 * 2–3 concurrent clients of 1–3 operations, and a sequential post part reading URLs and models
 * back so that lost or fabricated writes show in the history. Everything is drawn as flat
 * records of indexes and resolved in one `map`, so fast-check shrinks each part independently.
 */
import fc from 'fast-check';
import type { WorkerSpec } from '../../../src/domain/worker.ts';
import type { ArgumentName, OperationKind } from '../../../src/spec/operations.ts';
import type { Scenario, ScenarioArguments, ScenarioOp } from '../types.ts';
import { type RawArguments, type RawOp, rawArgumentsOf, rawOperationArbitrary } from './operation.ts';
import { type RawWorker, rawWorkerArbitrary } from './worker.ts';

export interface ScenarioShape {
  /** Operation kinds every implementation under test supports. */
  readonly kinds: ReadonlySet<OperationKind>;
  readonly maxTasks?: number;
  readonly maxOpsPerTask?: number;
}

const URLS = ['U1', 'U2', 'U3'];
const MODELS = ['a', 'b', 'c', 'd'];
/** Ids a client may name: those the setup binds, and one never bound (the NotFound paths). */
const IDS = ['X1', 'X2', 'X9'];

interface RawScenario {
  readonly urls: number;
  readonly models: number;
  readonly workers: readonly RawWorker[];
  readonly registered: number;
  readonly tasks: readonly (readonly RawOp[])[];
  readonly post: readonly { readonly url: boolean; readonly index: number }[];
}

function build(raw: RawScenario, kinds: ReadonlySet<OperationKind>): Scenario {
  const url = (i: number) => URLS[i % raw.urls]!;
  const model = (i: number) => MODELS[i % raw.models]!;
  const names = raw.workers.map((_, i) => `W${i + 1}`);
  const workerName = (i: number) => names[i % names.length]!;
  const workers: Record<string, WorkerSpec> = Object.create(null);
  raw.workers.forEach((w, i) => {
    workers[names[i]!] = {
      url: url(w.url),
      models: [...new Set(w.models.map(model))],
      type: w.type,
      mode: w.mode,
    };
  });
  const resolvers: { readonly [A in ArgumentName]: (raw: RawArguments[A]) => ScenarioArguments[A] } = {
    worker: workerName,
    id: (i) => IDS[i % IDS.length]!,
    url,
    model,
    key: (i) => `k${i + 1}`,
    type: (type) => type,
    mode: (mode) => mode,
  };
  const argument = <A extends ArgumentName>(name: A, value: RawArguments[A]) => resolvers[name](value);
  const resolve = (op: RawOp): ScenarioOp[] => {
    if (op.op === 'createWorker') {
      const name = workerName(op.worker!);
      return [
        { op: 'reserve', url: workers[name]!.url },
        { op: 'registerOrReplace', worker: name },
      ];
    }
    const step: Record<string, unknown> = { op: op.op };
    for (const name of rawArgumentsOf(op.op)) step[name] = argument(name, op[name]!);
    // `rawArgumentsOf` lists exactly the kind's arguments, each resolved to its scenario type.
    return [step as ScenarioOp];
  };
  const registered = Math.min(raw.registered, names.length);
  return {
    name: 'generated',
    workers,
    setup: names
      .slice(0, registered)
      .map((w, i): ScenarioOp => ({ op: 'register', worker: w, as: `X${i + 1}` })),
    tasks: raw.tasks.map((ops, i) => ({ name: `T${i + 1}`, ops: ops.flatMap(resolve) })),
    // Only reads the implementations have: a post part they cannot run could not be replayed.
    post: raw.post.flatMap((p): ScenarioOp[] => {
      const byUrl = p.url || !kinds.has('getByModel');
      if (byUrl && !kinds.has('getByUrl')) return [];
      return [byUrl ? { op: 'getByUrl', url: url(p.index) } : { op: 'getByModel', model: model(p.index) }];
    }),
  };
}

export function scenarioArbitrary(shape: ScenarioShape): fc.Arbitrary<Scenario> {
  const read = fc.record({ url: fc.boolean(), index: fc.nat({ max: 3 }) });
  return fc
    .record({
      urls: fc.integer({ min: 2, max: 3 }),
      models: fc.integer({ min: 2, max: 4 }),
      workers: fc.array(rawWorkerArbitrary, { minLength: 2, maxLength: 4 }),
      registered: fc.nat({ max: 2 }),
      tasks: fc.array(
        fc.array(rawOperationArbitrary(shape.kinds), { minLength: 1, maxLength: shape.maxOpsPerTask ?? 3 }),
        {
          minLength: 2,
          maxLength: shape.maxTasks ?? 3,
        },
      ),
      post: fc.array(read, { maxLength: 4 }),
    })
    .map((raw) => build(raw, shape.kinds));
}
