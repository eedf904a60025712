import { describe, expect, it } from 'vitest';
import { checkOperations } from '../../sim/linearizability/checker.ts';
import type { Op } from '../../sim/linearizability/model.ts';
import { registryModel } from '../../sim/linearizability/models/registry.ts';
import { createWorker } from '../../src/domain/worker.ts';
import type { Operation, OpResult } from '../../src/spec/operations.ts';

const W = createWorker('W', { url: 'U', models: ['a'] });
const sequential = (...steps: [Operation, OpResult][]): Op<Operation, OpResult>[] =>
  steps.map(([input, output], i) => ({ client: 0, input, output, call: 2 * i, ret: 2 * i + 1 }));

describe('removeByUrl of a bare reservation (spec §3.1–3.5, #2572)', () => {
  const model = registryModel('split');
  const reserveRemove: [Operation, OpResult][] = [
    [{ kind: 'reserve', url: 'U' }, 'id1'],
    [{ kind: 'removeByUrl', url: 'U' }, null],
  ];

  it('may keep the reservation: the upsert then adopts it', () => {
    const ops = sequential(...reserveRemove, [{ kind: 'registerOrReplace', worker: W }, 'id1']);
    expect(checkOperations(model, ops).verdict).toBe('ok');
  });

  it('may release it: the upsert then mints a fresh id', () => {
    const ops = sequential(...reserveRemove, [{ kind: 'registerOrReplace', worker: W }, 'id2']);
    expect(checkOperations(model, ops).verdict).toBe('ok');
  });

  it('may not answer anything but None', () => {
    const ops = sequential([{ kind: 'reserve', url: 'U' }, 'id1'], [{ kind: 'removeByUrl', url: 'U' }, 'W']);
    expect(checkOperations(model, ops).verdict).toBe('illegal');
  });

  it('does not release a live worker quietly', () => {
    const ops = sequential(
      [{ kind: 'registerOrReplace', worker: W }, 'id1'],
      [{ kind: 'removeByUrl', url: 'U' }, null],
    );
    expect(checkOperations(model, ops).verdict).toBe('illegal');
  });
});
