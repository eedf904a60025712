/** Scenario parsing and validation (`sim/scenario/parse.ts`). */
import { describe, expect, it } from 'vitest';
import { parseScenario, parseScenarioText } from '../../sim/scenario/parse.ts';

/** A valid scenario with two workers and one task; `overrides` replace top-level fields. */
function scenario(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 's',
    workers: { A: { url: 'U', models: ['m1'] }, B: { url: 'V' } },
    tasks: [{ name: 'T1', ops: [{ op: 'register', worker: 'A' }] }],
    ...overrides,
  };
}

/** A valid scenario whose only task runs `ops`. */
const withOps = (...ops: unknown[]) => scenario({ tasks: [{ name: 'T1', ops }] });

/** Asserts the parse failed at `path` (the error starts with it) and mentions `detail`. */
function expectError(value: unknown, path: string, detail = '') {
  const result = parseScenario(value);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.startsWith(`${path}: `)).toBe(true);
  expect(result.error).toContain(detail);
}

describe('a valid scenario', () => {
  it('parses every field and operation', () => {
    const text = JSON.stringify({
      name: 'all',
      description: 'every operation',
      workers: {
        A: {
          url: 'U',
          models: ['m1'],
          type: 'Prefill',
          mode: 'Grpc',
          priority: 3,
          cost: 2,
          labels: { k: 'v' },
        },
        B: { url: 'V' },
      },
      setup: [{ op: 'createWorker', worker: 'A', as: 'a' }],
      tasks: [
        {
          name: 'T1',
          ops: [
            { op: 'register', worker: 'B', as: 'b' },
            { op: 'replace', id: 'a', worker: 'A' },
            { op: 'registerOrReplace', worker: 'B', as: 'b2' },
            { op: 'remove', id: 'b' },
          ],
        },
        {
          name: 'T2',
          ops: [
            { op: 'reserve', url: 'W', as: 'w' },
            { op: 'removeByUrl', url: 'U' },
            { op: 'releaseReservation', url: 'W' },
            { op: 'get', id: 'a' },
            { op: 'getByUrl', url: 'U' },
            { op: 'getByModel', model: 'm1' },
            { op: 'getByType', type: 'Decode' },
            { op: 'getByConnection', mode: 'Http' },
            { op: 'ringLookup', model: 'm1', key: 'k' },
          ],
        },
      ],
      post: [{ op: 'getByModel', model: 'm1' }],
      schedule: ['T1', 'T2*3', 'T1*'],
    });
    expect(parseScenarioText(text)).toEqual({
      ok: true,
      scenario: {
        name: 'all',
        description: 'every operation',
        workers: {
          A: {
            url: 'U',
            models: ['m1'],
            type: 'Prefill',
            mode: 'Grpc',
            priority: 3,
            cost: 2,
            labels: { k: 'v' },
          },
          B: { url: 'V' },
        },
        setup: [
          { op: 'reserve', url: 'U' },
          { op: 'registerOrReplace', worker: 'A', as: 'a' },
        ],
        tasks: [
          {
            name: 'T1',
            ops: [
              { op: 'register', worker: 'B', as: 'b' },
              { op: 'replace', id: 'a', worker: 'A' },
              { op: 'registerOrReplace', worker: 'B', as: 'b2' },
              { op: 'remove', id: 'b' },
            ],
          },
          {
            name: 'T2',
            ops: [
              { op: 'reserve', url: 'W', as: 'w' },
              { op: 'removeByUrl', url: 'U' },
              { op: 'releaseReservation', url: 'W' },
              { op: 'get', id: 'a' },
              { op: 'getByUrl', url: 'U' },
              { op: 'getByModel', model: 'm1' },
              { op: 'getByType', type: 'Decode' },
              { op: 'getByConnection', mode: 'Http' },
              { op: 'ringLookup', model: 'm1', key: 'k' },
            ],
          },
        ],
        post: [{ op: 'getByModel', model: 'm1' }],
        schedule: ['T1', 'T2*3', 'T1*'],
      },
    });
  });

  it('defaults setup and post to [] and omits an absent description and schedule', () => {
    const result = parseScenario(scenario());
    expect(result).toEqual({
      ok: true,
      scenario: {
        name: 's',
        workers: { A: { url: 'U', models: ['m1'] }, B: { url: 'V' } },
        setup: [],
        tasks: [{ name: 'T1', ops: [{ op: 'register', worker: 'A' }] }],
        post: [],
      },
    });
    if (result.ok) {
      expect('schedule' in result.scenario).toBe(false);
      expect('description' in result.scenario).toBe(false);
    }
  });

  it('expands createWorker into reserve(url) then registerOrReplace, binding only the latter', () => {
    const result = parseScenario(withOps({ op: 'createWorker', worker: 'B', as: 'b' }));
    expect(result.ok && result.scenario.tasks[0]!.ops).toEqual([
      { op: 'reserve', url: 'V' },
      { op: 'registerOrReplace', worker: 'B', as: 'b' },
    ]);
  });

  it('omits `as` when there is no binding', () => {
    const result = parseScenario(withOps({ op: 'createWorker', worker: 'A' }));
    expect(result.ok && result.scenario.tasks[0]!.ops).toEqual([
      { op: 'reserve', url: 'U' },
      { op: 'registerOrReplace', worker: 'A' },
    ]);
  });

  it('accepts the schedule forms T, T*n and T*', () => {
    const result = parseScenario(scenario({ schedule: ['T1', 'T1*3', 'T1*', 'T1*12'] }));
    expect(result.ok && result.scenario.schedule).toEqual(['T1', 'T1*3', 'T1*', 'T1*12']);
  });
});

describe('errors', () => {
  it('reports malformed JSON', () => {
    const result = parseScenarioText('{"name": ');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^malformed JSON at line 1, column 10: expected a value/);
  });

  it('reports a field the format does not have, at every level', () => {
    expectError(scenario({ shedule: ['T1'] }), 'shedule', 'unknown field');
    expectError(scenario({ workers: { A: { url: 'U', model: 'm1' } } }), 'workers.A.model', 'unknown field');
    expectError(scenario({ tasks: [{ name: 'T1', ops: [], op: [] }] }), 'tasks[0].op', 'unknown field');
    expectError(withOps({ op: 'get', id: 'a', as: 'b' }), 'tasks[0].ops[0].as', '(get has op, id)');
  });

  it('reports a number JSON cannot hold exactly', () => {
    const text = JSON.stringify(scenario()).replace('"url":"U"', '"url":"U","cost":-1e999');
    expect(parseScenarioText(text)).toEqual({ ok: false, error: 'workers.A.cost: expected a finite number' });
  });

  it('reports a duplicate key with its line', () => {
    const text = '{\n  "name": "s",\n  "name": "t"\n}';
    expect(parseScenarioText(text)).toEqual({
      ok: false,
      error: 'duplicate key at line 3, column 3: "name" appears twice in one object',
    });
  });

  it('reports a scenario that is not an object', () => {
    expectError([], 'scenario');
    expectError(null, 'scenario');
  });

  it('reports a missing or empty name, or a bad description', () => {
    expectError(scenario({ name: undefined }), 'name');
    expectError(scenario({ name: '' }), 'name');
    expectError(scenario({ description: 5 }), 'description');
  });

  it('reports bad workers', () => {
    expectError(scenario({ workers: [] }), 'workers');
    expectError(scenario({ workers: { A: 'U' } }), 'workers.A', 'worker object');
    expectError(scenario({ workers: { A: { models: [] } } }), 'workers.A.url');
    expectError(scenario({ workers: { A: { url: 'U', models: 'm1' } } }), 'workers.A.models');
    expectError(scenario({ workers: { A: { url: 'U', models: [1] } } }), 'workers.A.models');
    expectError(scenario({ workers: { A: { url: 'U', type: 'Primary' } } }), 'workers.A.type', 'Regular');
    expectError(scenario({ workers: { A: { url: 'U', mode: 'Zmq' } } }), 'workers.A.mode', 'Http');
    expectError(scenario({ workers: { A: { url: 'U', priority: '1' } } }), 'workers.A.priority');
    expectError(scenario({ workers: { A: { url: 'U', cost: null } } }), 'workers.A.cost');
    expectError(scenario({ workers: { A: { url: 'U', labels: { k: 1 } } } }), 'workers.A.labels');
  });

  it('reports an unknown operation', () => {
    expectError(
      withOps({ op: 'register', worker: 'A' }, { op: 'upsert', worker: 'A' }),
      'tasks[0].ops[1].op',
      'unknown operation "upsert"',
    );
    expectError(withOps({ worker: 'A' }), 'tasks[0].ops[0].op', 'unknown operation');
  });

  it('reports an unknown worker wherever a worker is named', () => {
    for (const op of ['register', 'registerOrReplace', 'createWorker']) {
      expectError(withOps({ op, worker: 'Z' }), 'tasks[0].ops[0].worker', 'unknown worker "Z"');
    }
    expectError(withOps({ op: 'replace', id: 'a', worker: 'Z' }), 'tasks[0].ops[0].worker', '"Z"');
    expectError(scenario({ setup: [{ op: 'register', worker: 'Z' }] }), 'setup[0].worker', '"Z"');
    expectError(scenario({ post: [{ op: 'register', worker: 'Z' }] }), 'post[0].worker', '"Z"');
    expectError(withOps({ op: 'register' }), 'tasks[0].ops[0].worker');
  });

  it('reports a bad type or mode in a read', () => {
    expectError(withOps({ op: 'getByType', type: 'Primary' }), 'tasks[0].ops[0].type', 'Regular');
    expectError(withOps({ op: 'getByType' }), 'tasks[0].ops[0].type');
    expectError(withOps({ op: 'getByConnection', mode: 'Zmq' }), 'tasks[0].ops[0].mode', 'Grpc');
  });

  it('reports missing operation arguments', () => {
    expectError(withOps({ op: 'replace', worker: 'A' }), 'tasks[0].ops[0].id');
    expectError(withOps({ op: 'remove' }), 'tasks[0].ops[0].id');
    expectError(withOps({ op: 'reserve', url: '' }), 'tasks[0].ops[0].url');
    expectError(withOps({ op: 'removeByUrl' }), 'tasks[0].ops[0].url');
    expectError(withOps({ op: 'getByModel' }), 'tasks[0].ops[0].model');
    expectError(withOps({ op: 'ringLookup', model: 'm1' }), 'tasks[0].ops[0].key');
    expectError(withOps({ op: 'register', worker: 'A', as: '' }), 'tasks[0].ops[0].as');
  });

  it('reports malformed operation lists', () => {
    expectError(withOps('register'), 'tasks[0].ops[0]', 'operation object');
    expectError(scenario({ tasks: [{ name: 'T1', ops: {} }] }), 'tasks[0].ops', 'array');
    expectError(scenario({ setup: 'x' }), 'setup', 'array');
  });

  it('reports empty or missing tasks', () => {
    expectError(scenario({ tasks: [] }), 'tasks', 'non-empty');
    expectError(scenario({ tasks: undefined }), 'tasks');
    expectError(scenario({ tasks: ['T1'] }), 'tasks[0]');
  });

  it('reports a task with no operations', () => {
    expectError(scenario({ tasks: [{ name: 'T1', ops: [] }] }), 'tasks[0].ops', 'at least one');
    expectError(scenario({ tasks: [{ name: 'T1' }] }), 'tasks[0].ops', 'at least one');
  });

  it('reports a task without a name', () => {
    expectError(scenario({ tasks: [{ ops: [{ op: 'get', id: 'x' }] }] }), 'tasks[0].name');
  });

  it('reports duplicate task names', () => {
    const task = { name: 'T1', ops: [{ op: 'get', id: 'x' }] };
    const other = { name: 'T2', ops: [{ op: 'get', id: 'x' }] };
    expectError(scenario({ tasks: [task, other, task] }), 'tasks[2].name', 'duplicate task name "T1"');
  });

  it('reports a schedule naming an unknown task', () => {
    expectError(scenario({ schedule: ['T1', 'T9'] }), 'schedule[1]', 'no task named "T9"');
    expectError(scenario({ schedule: ['T9*3'] }), 'schedule[0]', 'no task named "T9"');
    expectError(scenario({ schedule: ['T9*'] }), 'schedule[0]', 'no task named "T9"');
  });

  it('reports a bad schedule entry', () => {
    for (const entry of ['', 'T1**', 'T1*x', 'T1*-1', '*3', 'T 1', 5, null]) {
      expectError(scenario({ schedule: ['T1', entry] }), 'schedule[1]', 'expected');
    }
    expectError(scenario({ schedule: 'T1' }), 'schedule', 'array');
  });
});
