/**
 * Groupings found from a history, the merge of their linearizations, and the checker's use of
 * them: an unpartitioned history decided `ok` by groups, and a wrong guess never deciding one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOperations } from '../../sim/linearizability/checker.ts';
import { candidateGroupings, mergeOrders } from '../../sim/linearizability/decomposition.ts';
import type { Model, Op } from '../../sim/linearizability/model.ts';
import { createKvModel, type KvInput, type KvOutput } from '../../sim/linearizability/models/kv.ts';

const op = <I>(input: I, call: number, ret: number): Op<I, unknown> => ({ client: 0, input, call, ret });

describe('candidateGroupings', () => {
  it('groups by every scalar field present in all inputs, nested ones too, finest first', () => {
    const ops = [
      op({ kind: 'put', key: 'a', at: { shard: 1 } }, 0, 1),
      op({ kind: 'get', key: 'b', at: { shard: 1 } }, 2, 3),
      op({ kind: 'put', key: 'c', at: { shard: 2 } }, 4, 5),
      op({ kind: 'get', key: 'a', at: { shard: 2 } }, 6, 7),
      op({ kind: 'put', key: 'b', at: { shard: 1 } }, 8, 9),
      op({ kind: 'get', key: 'c', at: { shard: 1 } }, 10, 11),
    ];
    expect(candidateGroupings(ops).map((g) => [g.by, g.values, g.groups])).toEqual([
      [
        'key',
        ['a', 'b', 'c'],
        [
          [0, 3],
          [1, 4],
          [2, 5],
        ],
      ],
      [
        'kind',
        ['put', 'get'],
        [
          [0, 2, 4],
          [1, 3, 5],
        ],
      ],
      [
        'at.shard',
        [1, 2],
        [
          [0, 1, 4, 5],
          [2, 3],
        ],
      ],
    ]);
  });

  it('skips a field some input lacks, one value for all, and one value per operation', () => {
    const ops = [
      op({ kind: 'put', value: 'x', id: 1 }, 0, 1),
      op({ kind: 'put', value: 'y', id: 2 }, 2, 3),
      op({ kind: 'put', id: 3 }, 4, 5),
      op({ kind: 'put', value: 'x', id: 4 }, 6, 7),
    ];
    expect(candidateGroupings(ops)).toEqual([]);
    expect(candidateGroupings([])).toEqual([]);
    expect(candidateGroupings([op('plain text', 0, 1), op('more', 2, 3)])).toEqual([]);
  });
});

describe('mergeOrders', () => {
  it('interleaves the groups as real time requires', () => {
    // 0 and 2 overlap; 1 is called after both returned; 3 after 1 returned.
    const ops = [op('a0', 0, 2), op('a1', 3, 4), op('b0', 1, 2), op('b1', 5, 6)];
    expect(
      mergeOrders(ops, [
        [0, 1],
        [2, 3],
      ]),
    ).toEqual([0, 2, 1, 3]);
    expect(
      mergeOrders(ops, [
        [2, 3],
        [0, 1],
      ]),
    ).toEqual([2, 0, 1, 3]);
  });

  it('finds no order when the groups contradict real time', () => {
    // Group order puts 1 before 0, but 0 returned before 1 was called (through 2).
    const ops = [op('a0', 0, 1), op('a1', 4, 5), op('b0', 2, 3)];
    expect(mergeOrders(ops, [[1, 0], [2]])).toBeUndefined();
  });

  it('keeps every group order and real time, whenever the groups come from one linearization', () => {
    const history = fc
      .array(fc.tuple(fc.nat(20), fc.nat(6), fc.nat(2)), { minLength: 1, maxLength: 30 })
      .map((specs) => {
        // Each operation's linearization point is its index; its interval contains it.
        const ops = specs.map(([before, after, group], i) => ({
          ...op(group, 2 * i - before, 2 * i + after),
          group,
        }));
        const orders = [0, 1, 2].map((g) => ops.flatMap((o, i) => (o.group === g ? [i] : [])));
        return { ops, orders: orders.filter((o) => o.length > 0) };
      });
    fc.assert(
      fc.property(history, ({ ops, orders }) => {
        const merged = mergeOrders(ops, orders);
        expect(merged).toBeDefined();
        expect([...merged!].sort((a, b) => a - b)).toEqual(ops.map((_, i) => i));
        const position = new Map(merged!.map((o, at) => [o, at]));
        for (const order of orders)
          for (let k = 1; k < order.length; k++)
            expect(position.get(order[k - 1]!)!).toBeLessThan(position.get(order[k]!)!);
        for (const [i, a] of ops.entries())
          for (const [j, b] of ops.entries())
            if (a.ret! < b.call) expect(position.get(i)!).toBeLessThan(position.get(j)!);
      }),
    );
  });
});

type KvOp = Op<KvInput, KvOutput>;

/** `rounds` rounds in which `clients` clients each append to their own key, then read it back. */
function perKeyHistory(clients: number, rounds: number): KvOp[] {
  const ops: KvOp[] = [];
  for (let round = 0; round < rounds; round++) {
    for (let c = 0; c < clients; c++) {
      const key = `k${c}`;
      const at = 10 * round;
      ops.push({
        client: c,
        input: { kind: 'append', key, value: `${round} ` },
        call: at,
        ret: at + 4,
        output: null,
      });
      const seen = Array.from({ length: round + 1 }, (_, r) => `${r} `).join('');
      ops.push({ client: c, input: { kind: 'get', key }, call: at + 5, ret: at + 9, output: seen });
    }
  }
  return ops;
}

describe('checkOperations on a history searched whole', () => {
  it('decides an ok kv history by its keys, and says so', () => {
    const ops = perKeyHistory(4, 10);
    const result = checkOperations(createKvModel(), ops, { partition: false });
    expect(result).toMatchObject({ verdict: 'ok', decomposition: { by: 'key', groups: 4 } });
    // The partitioned check agrees, without any grouping of its own.
    expect(checkOperations(createKvModel(), ops)).toEqual({ verdict: 'ok', steps: expect.any(Number) });
  });

  it('leaves a history shorter than a grouping pays for to the whole search', () => {
    const result = checkOperations(createKvModel(), perKeyHistory(2, 3), { partition: false });
    expect(result).toEqual({ verdict: 'ok', steps: expect.any(Number) });
  });

  it('never decides ok from a grouping the whole model refutes', () => {
    // One counter shared by all keys: per key each group counts 1, 2, 3… and looks fine alone,
    // but the whole history counts twice as fast.
    type Inc = { readonly key: string };
    const counter: Model<number, Inc, number> = {
      init: () => 0,
      step: (count, _input, output) => (output === undefined || output === count + 1 ? count + 1 : undefined),
    };
    const ops: Op<Inc, number>[] = Array.from({ length: 64 }, (_, i) => ({
      client: i % 2,
      input: { key: i % 2 === 0 ? 'a' : 'b' },
      call: 2 * i,
      ret: 2 * i + 1,
      output: Math.floor(i / 2) + 1,
    }));
    const result = checkOperations(counter, ops);
    expect(result.verdict).toBe('illegal');
    // Each key's group alone is ok: only the replay of the merged order refutes the guess.
    for (const key of ['a', 'b'])
      expect(
        checkOperations(
          counter,
          ops.filter((o) => o.input.key === key),
        ).verdict,
      ).toBe('ok');
  });

  it('names a group illegal by itself when the whole history stays undecided', () => {
    const ops = perKeyHistory(4, 10);
    const last = ops.findLastIndex((o) => o.input.key === 'k2' && o.input.kind === 'get');
    ops[last] = { ...ops[last]!, output: 'stale' };
    const undecided = checkOperations(createKvModel(), ops, { partition: false, maxSteps: 1000 });
    expect(undecided).toMatchObject({
      verdict: 'unknown',
      suspect: { by: 'key', value: 'k2', operations: 20 },
    });
    // With the budget to finish, the whole search decides it, and the lead goes.
    const decided = checkOperations(createKvModel(), ops, { partition: false });
    expect(decided.verdict).toBe('illegal');
    expect(decided).not.toHaveProperty('suspect');
  });

  it('counts a grouping step against the budget, and reports unknown when it is spent', () => {
    const result = checkOperations(createKvModel(), perKeyHistory(4, 10), { partition: false, maxSteps: 10 });
    expect(result).toEqual({ verdict: 'unknown', reason: 'steps', steps: 11 });
  });
});
