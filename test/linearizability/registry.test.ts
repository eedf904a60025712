/** The registry model: hand-made histories that are and are not linearizable. */
import { describe, expect, it } from 'vitest';
import { checkOperations } from '../../sim/linearizability/checker.ts';
import type { Op } from '../../sim/linearizability/model.ts';
import { registryModel } from '../../sim/linearizability/models/registry.ts';
import { createWorker } from '../../src/domain/worker.ts';
import type { Operation, OpResult } from '../../src/spec/operations.ts';
import type { SpecVariant } from '../../src/spec/sequentialSpec.ts';

type RegistryOp = Op<Operation, OpResult>;

const A = createWorker('A', { url: 'U', models: ['a'] });
const A2 = createWorker('A2', { url: 'U', models: ['a'] });
const B = createWorker('B', { url: 'V', models: ['b'] });
const C = createWorker('C', { url: 'W', models: ['c'] });

/** A completed operation: `client` called at `call`, got `output` at `ret`. */
const done = (client: number, input: Operation, call: number, ret: number, output: OpResult): RegistryOp => ({
  client,
  input,
  call,
  ret,
  output,
});
/** An operation that never returned. */
const pending = (client: number, input: Operation, call: number): RegistryOp => ({ client, input, call });

const verdict = (ops: RegistryOp[], variant: SpecVariant = 'split') =>
  checkOperations(registryModel(variant), ops).verdict;

describe('registry model', () => {
  it('accepts concurrent registers of different URLs', () => {
    const ops = [
      done(0, { kind: 'register', worker: A }, 0, 3, 'id1'),
      done(1, { kind: 'register', worker: B }, 1, 2, 'id2'),
      done(2, { kind: 'getByModel', model: 'a' }, 4, 5, ['A']),
    ];
    expect(verdict(ops)).toBe('ok');
  });

  it('rejects two concurrent create-only registers of one URL that both return an id', () => {
    const ops = [
      done(0, { kind: 'register', worker: A }, 0, 3, 'id1'),
      done(1, { kind: 'register', worker: A2 }, 1, 2, 'id2'),
    ];
    expect(verdict(ops)).toBe('illegal');
    // Refusing one of them is the linearizable outcome.
    expect(verdict([ops[0]!, done(1, { kind: 'register', worker: A2 }, 1, 2, null)])).toBe('ok');
  });

  it('rejects a reader that sees the worker missing during a replace (upsert variant)', () => {
    const setup = done(0, { kind: 'register', worker: A }, 0, 1, 'id1');
    const replace = done(0, { kind: 'registerOrReplace', worker: A2 }, 2, 5, 'id1');
    const gap = done(1, { kind: 'getByModel', model: 'a' }, 3, 4, []);
    expect(verdict([setup, replace, gap], 'upsert')).toBe('illegal');
    for (const seen of [['A'], ['A2']]) {
      expect(
        verdict([setup, replace, done(1, { kind: 'getByModel', model: 'a' }, 3, 4, seen)], 'upsert'),
      ).toBe('ok');
    }
  });

  it('rejects an upsert whose returned id is never stored', () => {
    const upsert = done(0, { kind: 'registerOrReplace', worker: A }, 0, 1, 'id9');
    expect(verdict([upsert, done(1, { kind: 'getByUrl', url: 'U' }, 2, 3, null)])).toBe('illegal');
    expect(verdict([upsert, done(1, { kind: 'getByUrl', url: 'U' }, 2, 3, 'A')])).toBe('ok');
    expect(verdict([upsert, done(1, { kind: 'get', id: 'id9' }, 2, 3, 'A')])).toBe('ok');
  });

  it('rejects a minted id that was already used', () => {
    const first = done(0, { kind: 'register', worker: A }, 0, 1, 'id1');
    const removed = done(0, { kind: 'remove', id: 'id1' }, 2, 3, 'A');
    expect(verdict([first, done(1, { kind: 'register', worker: B }, 4, 5, 'id1')])).toBe('illegal');
    // Even after removal: ids are never reused.
    expect(verdict([first, removed, done(1, { kind: 'register', worker: A2 }, 4, 5, 'id1')])).toBe('illegal');
    expect(verdict([first, removed, done(1, { kind: 'register', worker: A2 }, 4, 5, 'id2')])).toBe('ok');
  });

  describe('pending operations', () => {
    const lost = pending(0, { kind: 'register', worker: A }, 0);

    it('accepts a later read that sees a pending register, and one that does not', () => {
      expect(verdict([lost, done(1, { kind: 'getByUrl', url: 'U' }, 1, 2, 'A')])).toBe('ok');
      expect(verdict([lost, done(1, { kind: 'getByUrl', url: 'U' }, 1, 2, null)])).toBe('ok');
    });

    it('still rejects reads that no placement of the pending register explains', () => {
      const seen = done(1, { kind: 'getByUrl', url: 'U' }, 1, 2, 'A');
      expect(verdict([lost, seen, done(1, { kind: 'getByUrl', url: 'U' }, 3, 4, null)])).toBe('illegal');
      expect(verdict([lost, done(1, { kind: 'getByUrl', url: 'U' }, 1, 2, 'B')])).toBe('illegal');
    });

    it('learns the id a pending register minted from a later call or result', () => {
      // A later `get` of an id nobody returned may name the pending register's worker.
      expect(verdict([lost, done(1, { kind: 'get', id: 'id7' }, 1, 2, 'A')])).toBe('ok');
      // A later upsert over the same URL returns the id the pending register minted.
      expect(verdict([lost, done(1, { kind: 'registerOrReplace', worker: A2 }, 1, 2, 'id7')])).toBe('ok');
      // Once learnt, the id is used: minting it again is illegal.
      const learnt = done(1, { kind: 'get', id: 'id7' }, 1, 2, 'A');
      expect(verdict([lost, learnt, done(1, { kind: 'register', worker: B }, 3, 4, 'id7')])).toBe('illegal');
      expect(verdict([lost, learnt, done(1, { kind: 'register', worker: B }, 3, 4, 'id8')])).toBe('ok');
    });

    it('does not let a pending id stand for an id that is already used', () => {
      const other = done(1, { kind: 'register', worker: C }, 1, 2, 'id3');
      // `registerOrReplace` over U returns the pending register's id, which cannot be id3.
      expect(verdict([lost, other, done(1, { kind: 'registerOrReplace', worker: A2 }, 3, 4, 'id3')])).toBe(
        'illegal',
      );
    });
  });

  it('reports the longest prefix and the blocked operation', () => {
    const first = done(0, { kind: 'register', worker: A }, 0, 1, 'id1');
    const read = done(1, { kind: 'getByUrl', url: 'U' }, 2, 3, null);
    const result = checkOperations(registryModel('split'), [first, read]);
    expect(result.verdict).toBe('illegal');
    if (result.verdict !== 'illegal') return;
    expect(result.longestPrefix).toEqual([first]);
    expect(result.blocked).toBe(read);
    expect(result.unplaced).toEqual([read]);
  });
});
