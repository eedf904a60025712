/**
 * Randomized schedules under the simulator: small scenarios with readers and writers on
 * overlapping URLs, run with a seeded random chooser, must show no violation at all (structural
 * invariants at quiescence, linearizability of the history, no deadlock or crash), on both engines.
 */
import { describe, expect, it } from 'vitest';
import { checkExecution } from '../../sim/checks/checkExecution.ts';
import { executeScenario } from '../../sim/scenario/execute.ts';
import type { Scenario } from '../../sim/scenario/types.ts';
import type { Chooser } from '../../sim/scheduler/types.ts';
import { actor, createActorRegistry } from '../../src/actor/implementation.ts';
import { createPrng } from '../../src/determinism/prng.ts';
import type { Implementation } from '../../src/types.ts';

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'replace moves a worker between models while readers look at both',
    workers: {
      W0: { url: 'U', models: ['a', 'b'] },
      W1: { url: 'U', models: ['a', 'c'], type: 'Prefill' },
      W2: { url: 'U', models: ['b'], mode: 'Grpc' },
    },
    setup: [{ op: 'register', worker: 'W0', as: 'X' }],
    tasks: [
      { name: 'T1', ops: [{ op: 'replace', id: 'X', worker: 'W1' }] },
      {
        name: 'T2',
        ops: [
          { op: 'getByModel', model: 'b' },
          { op: 'getByModel', model: 'c' },
          { op: 'getByType', type: 'Prefill' },
          { op: 'ringLookup', model: 'b', key: 'k' },
        ],
      },
      {
        name: 'T3',
        ops: [
          { op: 'replace', id: 'X', worker: 'W2' },
          { op: 'getByConnection', mode: 'Grpc' },
          { op: 'getByUrl', url: 'U' },
        ],
      },
    ],
    post: [{ op: 'get', id: 'X' }],
  },
  {
    name: 'create-only register, upsert and removal race on one URL',
    workers: {
      A: { url: 'U', models: ['a'] },
      B: { url: 'U', models: ['b'] },
      C: { url: 'U2', models: ['a'] },
    },
    setup: [],
    tasks: [
      {
        name: 'T1',
        ops: [
          { op: 'register', worker: 'A' },
          { op: 'getByModel', model: 'b' },
        ],
      },
      {
        name: 'T2',
        ops: [
          { op: 'registerOrReplace', worker: 'B' },
          { op: 'register', worker: 'C' },
        ],
      },
      {
        name: 'T3',
        ops: [
          { op: 'removeByUrl', url: 'U' },
          { op: 'getByModel', model: 'a' },
          { op: 'ringLookup', model: 'a', key: 'k' },
        ],
      },
    ],
    post: [{ op: 'getByUrl', url: 'U' }],
  },
  {
    name: 'reservation adopted, released or raced by an upsert',
    workers: {
      A: { url: 'U', models: ['m'] },
      B: { url: 'U', models: ['n'], type: 'Decode' },
    },
    setup: [],
    tasks: [
      {
        name: 'T1',
        ops: [
          { op: 'reserve', url: 'U', as: 'R' },
          { op: 'register', worker: 'A' },
        ],
      },
      {
        name: 'T2',
        ops: [
          { op: 'registerOrReplace', worker: 'B' },
          { op: 'getByUrl', url: 'U' },
        ],
      },
      {
        name: 'T3',
        ops: [
          { op: 'releaseReservation', url: 'U' },
          { op: 'getByType', type: 'Decode' },
        ],
      },
    ],
    post: [{ op: 'get', id: 'R' }],
  },
  {
    name: 'remove by id against replace by id and an upsert of the same URL',
    workers: {
      W0: { url: 'U', models: ['m'] },
      W1: { url: 'U', models: ['m', 'n'] },
      W2: { url: 'U', models: ['n'] },
      V: { url: 'U2', models: ['m'] },
    },
    setup: [
      { op: 'register', worker: 'W0', as: 'X' },
      { op: 'register', worker: 'V', as: 'Y' },
    ],
    tasks: [
      {
        name: 'T1',
        ops: [
          { op: 'remove', id: 'X' },
          { op: 'getByModel', model: 'm' },
        ],
      },
      {
        name: 'T2',
        ops: [
          { op: 'replace', id: 'X', worker: 'W1' },
          { op: 'ringLookup', model: 'm', key: 'k2' },
        ],
      },
      {
        name: 'T3',
        ops: [
          { op: 'registerOrReplace', worker: 'W2' },
          { op: 'get', id: 'X' },
          { op: 'remove', id: 'Y' },
        ],
      },
    ],
    post: [
      { op: 'getByModel', model: 'n' },
      { op: 'getByUrl', url: 'U' },
    ],
  },
];

/** A chooser picking uniformly among runnable tasks, replayable from its seed. */
function randomChooser(seed: number): Chooser {
  const prng = createPrng(seed);
  return { choose: (candidates) => prng.below(candidates.length) };
}

const interpreted: Implementation = {
  ...actor,
  name: 'actor-interpreted',
  create: (rt) => createActorRegistry(rt, { engine: 'interpreted' }),
};

describe.each([
  ['actor', actor, 750],
  ['actor, interpreted chart', interpreted, 150],
] as const)('%s under random schedules', (_name, impl, schedules) => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const failures: string[] = [];
    for (let seed = 1; seed <= schedules; seed++) {
      const execution = await executeScenario(scenario, impl, randomChooser(seed));
      const violations = checkExecution(execution, impl);
      if (violations.length > 0)
        failures.push(`seed ${seed}: ${violations.map((v) => v.message).join('; ')}`);
    }
    expect(failures).toEqual([]);
  });
});
