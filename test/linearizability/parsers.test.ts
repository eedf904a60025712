/** The history parsers: Jepsen etcd logs, kv EDN histories and registry JSON Lines. */
import { describe, expect, it } from 'vitest';
import { parseJepsenEtcd } from '../../sim/linearizability/parsers/jepsenEtcd.ts';
import { parseKvEdn } from '../../sim/linearizability/parsers/kvEdn.ts';
import { parseRegistryJsonl } from '../../sim/linearizability/parsers/registryJsonl.ts';

const jepsen = (...events: string[]) =>
  events.map((e) => `INFO  jepsen.util - ${e.replaceAll(' ', '\t')}`).join('\n');

describe('parseJepsenEtcd', () => {
  it('pairs invocations with completions, keeps :info calls pending and skips the nemesis', () => {
    const text = [
      'INFO  jepsen.util - :nemesis :info :start nil',
      jepsen('0 :invoke :write 3', '1 :invoke :cas [3 4]', '0 :ok :write 3', '1 :fail :cas [3 4]'),
      jepsen('2 :invoke :read nil', '2 :ok :read 3', '3 :invoke :write 1', '3 :info :write :timed-out'),
      jepsen('4 :invoke :read nil', '4 :fail :read :timed-out'),
    ].join('\n');
    const parsed = parseJepsenEtcd(text);
    expect(parsed).toEqual({
      ok: true,
      ops: [
        { client: 0, input: { kind: 'write', value: 3 }, call: 2, ret: 4, output: true },
        { client: 1, input: { kind: 'cas', from: 3, to: 4 }, call: 3, ret: 5, output: false },
        { client: 2, input: { kind: 'read' }, call: 6, ret: 7, output: 3 },
        { client: 3, input: { kind: 'write', value: 1 }, call: 8 },
        { client: 4, input: { kind: 'read' }, call: 10, ret: 11 },
      ],
    });
  });

  it('names the line of a malformed event', () => {
    expect(parseJepsenEtcd(jepsen('0 :invoke :read nil', '0 :ok :read x'))).toEqual({
      ok: false,
      line: 2,
      message: ':read returns nil or an integer, got x',
    });
    expect(parseJepsenEtcd(jepsen('0 :invoke :write 1', '0 :ok :cas [1 2]'))).toMatchObject({
      ok: false,
      line: 2,
    });
    expect(parseJepsenEtcd(jepsen('0 :ok :write 1'))).toMatchObject({ ok: false, line: 1 });
    expect(parseJepsenEtcd(`${jepsen('0 :invoke :write 1')}\nsome other log line`)).toEqual({
      ok: false,
      line: 2,
      message: 'not a Jepsen etcd event',
    });
    expect(parseJepsenEtcd(jepsen('0 :invoke :write 1', '0 :invoke :write 2'))).toMatchObject({
      ok: false,
      line: 2,
    });
  });

  it('rejects a log without one operation', () => {
    expect(parseJepsenEtcd('\n\nINFO  jepsen.util - :nemesis :info :start nil\n')).toEqual({
      ok: false,
      message: 'no etcd operations',
    });
  });
});

describe('parseKvEdn', () => {
  it('parses invocations and completions', () => {
    const text = [
      '{:process 0, :type :invoke, :f :append, :key "1", :value "x 0 0 y"}',
      '{:process 1, :type :invoke, :f :get, :key "1", :value nil}',
      '{:process 0, :type :ok, :f :append, :key "1", :value "x 0 0 y"}',
      '{:process 1, :type :ok, :f :get, :key "1", :value "x 0 0 y"}',
      '{:process 2, :type :invoke, :f :put, :key "2", :value "a \\"b\\""}',
      '',
    ].join('\n');
    expect(parseKvEdn(text)).toEqual({
      ok: true,
      ops: [
        { client: 0, input: { kind: 'append', key: '1', value: 'x 0 0 y' }, call: 1, ret: 3, output: null },
        { client: 1, input: { kind: 'get', key: '1' }, call: 2, ret: 4, output: 'x 0 0 y' },
        { client: 2, input: { kind: 'put', key: '2', value: 'a "b"' }, call: 5 },
      ],
    });
  });

  it('names the line of a malformed event', () => {
    const good = '{:process 0, :type :invoke, :f :get, :key "1", :value nil}';
    expect(parseKvEdn(`${good}\n{:process 0, :type :ok, :f :get, :key "1", :value nil`)).toMatchObject({
      ok: false,
      line: 2,
    });
    expect(parseKvEdn(`${good}\n{:process 0, :type :done, :f :get, :key "1"}`)).toMatchObject({
      ok: false,
      line: 2,
      message: ':type must be one of :invoke :ok :fail :info',
    });
    expect(parseKvEdn('{:process "p", :type :invoke, :f :get, :key "1"}')).toMatchObject({
      ok: false,
      line: 1,
    });
  });

  it('rejects a history without one operation that happened', () => {
    const failed = [
      '{:process 0, :type :invoke, :f :put, :key "1", :value "x"}',
      '{:process 0, :type :fail, :f :put, :key "1", :value "x"}',
    ].join('\n');
    expect(parseKvEdn(failed)).toEqual({ ok: false, message: 'no kv operations' });
    expect(parseKvEdn('')).toEqual({ ok: false, message: 'no kv operations' });
  });
});

describe('parseRegistryJsonl', () => {
  it('reads the variant, calls with workers, and returns', () => {
    const text = [
      '{"variant": "upsert"}',
      '{"client": 0, "call": {"kind": "register", "worker": {"label": "A", "url": "U", "models": ["a"]}}}',
      '{"client": 1, "call": {"kind": "getByModel", "model": "a"}}',
      '{"client": 0, "return": "id1"}',
    ].join('\n');
    const parsed = parseRegistryJsonl(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.variant).toBe('upsert');
    expect(parsed.ops).toHaveLength(2);
    expect(parsed.ops[0]).toMatchObject({
      client: 0,
      call: 2,
      ret: 4,
      output: 'id1',
      input: { kind: 'register' },
    });
    expect(parsed.ops[1]).toEqual({ client: 1, input: { kind: 'getByModel', model: 'a' }, call: 3 });
  });

  it('names the line of a malformed event', () => {
    expect(parseRegistryJsonl('{"client": 0, "call": {"kind": "remove"}}')).toEqual({
      ok: false,
      line: 1,
      message: 'remove: id must be a string',
    });
    expect(parseRegistryJsonl('\n{"client": 0, "call": {"kind": "getByType", "type": "Big"}}')).toMatchObject(
      {
        ok: false,
        line: 2,
      },
    );
    expect(parseRegistryJsonl('{"client": 0, "return": 3}')).toMatchObject({ ok: false, line: 1 });
    expect(parseRegistryJsonl('{"client": 0, "return": null}')).toMatchObject({
      ok: false,
      line: 1,
      message: 'client 0 returns without an open call',
    });
  });

  it('rejects a history without events', () => {
    expect(parseRegistryJsonl('{"variant": "split"}\n')).toEqual({
      ok: false,
      message: 'no registry operations',
    });
  });
});
