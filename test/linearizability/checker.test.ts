/** The generic checker: search, pending operations, partitions, budgets, explanations. */
import { describe, expect, it } from 'vitest';
import { checkOperations } from '../../sim/linearizability/checker.ts';
import { explainIllegal } from '../../sim/linearizability/explain.ts';
import { fromNondeterministic, type Model, type Op, opsFromEvents } from '../../sim/linearizability/model.ts';
import { type EtcdInput, type EtcdOutput, etcdModel } from '../../sim/linearizability/models/etcd.ts';
import { createKvModel, type KvInput, type KvOutput } from '../../sim/linearizability/models/kv.ts';

type EtcdOp = Op<EtcdInput, EtcdOutput>;

const write = (client: number, value: number, call: number, ret?: number): EtcdOp =>
  ret === undefined
    ? { client, input: { kind: 'write', value }, call }
    : { client, input: { kind: 'write', value }, call, ret, output: true };
const read = (client: number, value: number | null, call: number, ret: number): EtcdOp => ({
  client,
  input: { kind: 'read' },
  call,
  ret,
  output: value,
});
const cas = (client: number, from: number, to: number, ok: boolean, call: number, ret: number): EtcdOp => ({
  client,
  input: { kind: 'cas', from, to },
  call,
  ret,
  output: ok,
});

describe('checkOperations', () => {
  it('accepts the empty history', () => {
    expect(checkOperations(etcdModel, []).verdict).toBe('ok');
  });

  it('orders concurrent operations but respects real time', () => {
    // The read overlaps the write, so it may see either value.
    expect(checkOperations(etcdModel, [write(0, 1, 0, 3), read(1, 1, 1, 2)]).verdict).toBe('ok');
    expect(checkOperations(etcdModel, [write(0, 1, 0, 3), read(1, null, 1, 2)]).verdict).toBe('ok');
    // After the write returned, nil is stale.
    expect(checkOperations(etcdModel, [write(0, 1, 0, 1), read(1, null, 2, 3)]).verdict).toBe('illegal');
  });

  it('checks compare-and-set results', () => {
    const history = [write(0, 1, 0, 1), cas(1, 1, 2, true, 2, 3), cas(2, 1, 3, true, 4, 5)];
    expect(checkOperations(etcdModel, history).verdict).toBe('illegal');
    history[2] = cas(2, 1, 3, false, 4, 5);
    expect(checkOperations(etcdModel, history).verdict).toBe('ok');
  });

  it('lets a pending write take effect or not', () => {
    const lost = write(0, 7, 0);
    expect(checkOperations(etcdModel, [lost, read(1, 7, 1, 2), read(1, 7, 3, 4)]).verdict).toBe('ok');
    expect(checkOperations(etcdModel, [lost, read(1, null, 1, 2), read(1, 7, 3, 4)]).verdict).toBe('ok');
    // But once seen, it cannot be undone.
    expect(checkOperations(etcdModel, [lost, read(1, 7, 1, 2), read(1, null, 3, 4)]).verdict).toBe('illegal');
  });

  it('accepts any result of a returned operation whose result is unknown', () => {
    const timedOut: EtcdOp = { client: 1, input: { kind: 'read' }, call: 2, ret: 3 };
    expect(checkOperations(etcdModel, [write(0, 1, 0, 1), timedOut]).verdict).toBe('ok');
  });

  it('reports the longest linearizable prefix and the operation that cannot follow it', () => {
    const w = write(0, 1, 0, 1);
    const r1 = read(1, 1, 2, 3);
    const stale = read(1, null, 4, 5);
    const result = checkOperations(etcdModel, [w, r1, stale, read(0, 1, 6, 7)]);
    expect(result.verdict).toBe('illegal');
    if (result.verdict !== 'illegal') return;
    expect(result.longestPrefix).toEqual([w, r1]);
    expect(result.blocked).toBe(stale);
    expect(result.unplaced).toHaveLength(2);
    const text = explainIllegal(etcdModel, result).join('\n');
    expect(text).toContain('longest linearizable prefix: 2 of 4 operations');
    expect(text).toContain('state after it: 1');
    expect(text).toContain('cannot follow it: [client 1] read() → nil');
    expect(text).toContain('its result is illegal in that state');
  });

  it('checks partitions independently and stops at the first illegal one', () => {
    const kv = (
      client: number,
      input: KvInput,
      call: number,
      ret: number,
      output: KvOutput,
    ): Op<KvInput, KvOutput> => ({
      client,
      input,
      call,
      ret,
      output,
    });
    const ops = [
      kv(0, { kind: 'put', key: 'x', value: 'a' }, 0, 1, null),
      kv(1, { kind: 'append', key: 'y', value: 'b' }, 2, 3, null),
      kv(2, { kind: 'get', key: 'y' }, 4, 5, 'b'),
      kv(2, { kind: 'get', key: 'x' }, 6, 7, ''),
    ];
    const result = checkOperations(createKvModel(), ops);
    expect(result.verdict).toBe('illegal');
    if (result.verdict !== 'illegal') return;
    // Only key x's operations take part in the explanation.
    expect([...result.longestPrefix, ...result.unplaced].map((op) => op.input.key)).toEqual(['x', 'x']);
    expect(result.partitions).toBe(2);
    expect(explainIllegal(createKvModel(), result)[0]).toBe(
      'longest linearizable prefix: 1 of 2 operations (in one of 2 independent partitions)',
    );
    expect(checkOperations(createKvModel(), ops, { partition: false }).verdict).toBe('illegal');
    expect(checkOperations(createKvModel(), ops.slice(0, 3)).verdict).toBe('ok');
  });

  it('answers unknown when the step budget or the time runs out', () => {
    const busy = Array.from({ length: 12 }, (_, i) => write(i, i, 0, 100));
    busy.push(read(12, 99, 101, 102));
    expect(checkOperations(etcdModel, busy, { maxSteps: 50 })).toMatchObject({
      verdict: 'unknown',
      reason: 'steps',
    });
    let now = 0;
    const clock = () => (now += 1000);
    expect(checkOperations(etcdModel, busy, { timeoutMs: 500, clock })).toMatchObject({
      verdict: 'unknown',
      reason: 'timeout',
    });
    expect(checkOperations(etcdModel, busy).verdict).toBe('illegal');
  });
});

describe('fromNondeterministic', () => {
  // A register whose write may be lost: the powerset tracks both possibilities.
  const lossy: Model<readonly number[], { kind: 'write' | 'read'; value: number }, number | null> =
    fromNondeterministic({
      init: () => [0],
      step: (
        s: number,
        input: { kind: 'write' | 'read'; value: number },
        output: number | null | undefined,
      ) => {
        if (input.kind === 'write') return [s, input.value];
        return output === undefined || output === s ? [s] : [];
      },
    });

  it('keeps every state the outputs allow', () => {
    const w = { client: 0, input: { kind: 'write' as const, value: 5 }, call: 0, ret: 1, output: null };
    const r = (value: number, call: number) => ({
      client: 1,
      input: { kind: 'read' as const, value: 0 },
      call,
      ret: call + 1,
      output: value,
    });
    expect(checkOperations(lossy, [w, r(0, 2)]).verdict).toBe('ok');
    expect(checkOperations(lossy, [w, r(5, 2), r(5, 4)]).verdict).toBe('ok');
    expect(checkOperations(lossy, [w, r(5, 2), r(0, 4)]).verdict).toBe('illegal');
    expect(checkOperations(lossy, [w, r(3, 2)]).verdict).toBe('illegal');
  });
});

describe('opsFromEvents', () => {
  it('pairs calls with returns per client and leaves unreturned calls pending', () => {
    const parsed = opsFromEvents<string, number>([
      { kind: 'call', client: 0, input: 'a' },
      { kind: 'call', client: 1, input: 'b' },
      { kind: 'return', client: 0, output: 1 },
      { kind: 'return', client: 1 },
      { kind: 'call', client: 1, input: 'c' },
    ]);
    expect(parsed).toEqual({
      ok: true,
      ops: [
        { client: 0, input: 'a', call: 0, ret: 2, output: 1 },
        { client: 1, input: 'b', call: 1, ret: 3 },
        { client: 1, input: 'c', call: 4 },
      ],
    });
  });

  it('reports a return without a call and a second open call', () => {
    expect(opsFromEvents([{ kind: 'return', client: 3, output: 1 }])).toMatchObject({ ok: false, line: 0 });
    const twice = opsFromEvents([
      { kind: 'call', client: 0, input: 'a', time: 10 },
      { kind: 'call', client: 0, input: 'b', time: 11 },
    ]);
    expect(twice).toMatchObject({
      ok: false,
      line: 11,
      message: 'client 0 calls while its last call is still open',
    });
  });
});
