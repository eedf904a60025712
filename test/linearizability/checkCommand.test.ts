/** `regsim check`: verdict lines, explanations, JSON output and exit codes. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../sim/cli/commands/check.ts';

const temp = mkdtempSync(join(tmpdir(), 'regsim-check-'));
const file = (name: string, content: string): string => {
  const path = join(temp, name);
  writeFileSync(path, content);
  return path;
};
const etcd = (...events: string[]): string => events.map((e) => `INFO  jepsen.util - ${e}`).join('\n');
const kv = (...events: string[]): string => events.map((e) => `{${e}}`).join('\n');
const ETCD_OK = etcd('0 :invoke :write 1', '0 :ok :write 1', '1 :invoke :read nil', '1 :ok :read 1');
const ETCD_ILLEGAL = etcd('0 :invoke :write 1', '0 :ok :write 1', '1 :invoke :read nil', '1 :ok :read 2');
const KV_OK = kv(
  ':process 0, :type :invoke, :f :put, :key "a", :value "x"',
  ':process 0, :type :ok, :f :put, :key "a", :value "x"',
  ':process 1, :type :invoke, :f :get, :key "a", :value nil',
  ':process 1, :type :ok, :f :get, :key "a", :value "x"',
);
const KV_BAD = KV_OK.replace(/"x"}$/, '"y"}');
/** 16 concurrent appends and a get no order of them explains: the search has to try them all. */
const KV_HARD = kv(
  ...Array.from(
    { length: 16 },
    (_, c) => `:process ${c}, :type :invoke, :f :append, :key "k", :value "${c}"`,
  ),
  ...Array.from({ length: 16 }, (_, c) => `:process ${c}, :type :ok, :f :append, :key "k", :value "${c}"`),
  ':process 16, :type :invoke, :f :get, :key "k", :value nil',
  ':process 16, :type :ok, :f :get, :key "k", :value "none"',
);

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await checkCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('regsim check', () => {
  it('exits 0 when every history is linearizable', async () => {
    const { code, out, err } = await run('--model', 'etcd', file('a.log', ETCD_OK), file('b.log', ETCD_OK));
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/a\.log: ok \([\d.]+ ms, 2 operations\)$/);
  });

  it('exits 1 and explains an illegal history', async () => {
    const { code, out } = await run('--model', 'etcd', file('a.log', ETCD_OK), file('c.log', ETCD_ILLEGAL));
    expect(code).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/c\.log: illegal \([\d.]+ ms, 2 operations\)/);
    expect(text).toContain('longest linearizable prefix: 1 of 2 operations');
    expect(text).toContain('cannot follow it: [client 1] read() → 2');
  });

  it('prints one JSON object per file with --json', async () => {
    const { code, out } = await run(
      '--json',
      '--model=kv',
      '--timeout',
      '5s',
      file('ok.txt', KV_OK),
      file('bad.txt', KV_BAD),
    );
    expect(code).toBe(1);
    const [ok, bad] = out.map((line) => JSON.parse(line));
    expect(ok).toMatchObject({ verdict: 'ok', operations: 2 });
    expect(bad).toMatchObject({ verdict: 'illegal', operations: 2 });
    expect(bad.explanation[0]).toMatch(/^longest linearizable prefix/);
  });

  it('exits 3 when the budget runs out', async () => {
    const { code, out } = await run(
      '--model',
      'kv',
      '--no-partition',
      '--timeout',
      '1ms',
      file('hard.txt', KV_HARD),
    );
    expect(code).toBe(3);
    expect(out[0]).toMatch(/hard\.txt: unknown \([\d.]+ ms, 17 operations, timed out\)/);
  });

  it('says when a history searched whole was decided by groups, and names a lead when it is not', async () => {
    // 12 keys, each appended to and then read back three times over (72 operations), the 12
    // appends of a round concurrent, then the 12 reads: a whole search that must try every order
    // of a round takes millions of steps, the groups a few dozen.
    const keys = Array.from({ length: 12 }, (_, k) => k);
    const rounds = Array.from({ length: 3 }, (_, r) => {
      const append = (type: string) => (k: number) =>
        `:process ${k}, :type ${type}, :f :append, :key "${k}", :value "${r}"`;
      const get = (type: string, value: string) => (k: number) =>
        `:process ${k}, :type ${type}, :f :get, :key "${k}", :value ${value}`;
      const seen = `"${'012'.slice(0, r + 1)}"`;
      return [
        ...keys.map(append(':invoke')),
        ...keys.map(append(':ok')),
        ...keys.map(get(':invoke', 'nil')),
        ...keys.map(get(':ok', seen)),
      ];
    }).flat();
    const ok = await run('--model', 'kv', '--no-partition', file('grouped.txt', kv(...rounds)));
    expect(ok.code).toBe(0);
    expect(ok.out[0]).toMatch(/grouped\.txt: ok \([\d.]+ ms, 72 operations, decided in 12 groups by key\)$/);
    const json = await run('--model', 'kv', '--no-partition', '--json', file('grouped.txt', kv(...rounds)));
    expect(JSON.parse(json.out[0]!)).toMatchObject({
      verdict: 'ok',
      decomposition: { by: 'key', groups: 12 },
    });

    const stale = rounds.map((e) => e.replace(':key "5", :value "012"', ':key "5", :value "01"'));
    const lead = await run(
      '--model',
      'kv',
      '--no-partition',
      '--timeout',
      '1ms',
      file('stale.txt', kv(...stale)),
    );
    expect(lead.code).toBe(3);
    expect(lead.out[1]).toBe(
      '  a lead, not a proof: the 6 operations with key "5" are not linearizable by themselves',
    );
  });

  it('checks registry histories written as JSON Lines', async () => {
    const history = file(
      'gap.jsonl',
      [
        '{"variant": "upsert"}',
        '{"client": 0, "call": {"kind": "register", "worker": {"label": "A", "url": "U", "models": ["a"]}}}',
        '{"client": 0, "return": "id1"}',
        '{"client": 0, "call": {"kind": "registerOrReplace", "worker": {"label": "A2", "url": "U", "models": ["a"]}}}',
        '{"client": 1, "call": {"kind": "getByModel", "model": "a"}}',
        '{"client": 1, "return": []}',
        '{"client": 0, "return": "id1"}',
      ].join('\n'),
    );
    const { code, out } = await run('--model', 'registry', history);
    expect(code).toBe(1);
    expect(out.join('\n')).toContain('cannot follow it: [client 1] getByModel(a) → []');
  });

  it('exits 2 naming the file and line of a malformed history, after checking the others', async () => {
    const bad = file(
      'bad.log',
      'INFO  jepsen.util - 0\t:invoke\t:read\tnil\nINFO  jepsen.util - 0\t:ok\t:read\tfoo\n',
    );
    const { code, out, err } = await run('--model', 'etcd', bad, file('c.log', ETCD_ILLEGAL));
    expect(code).toBe(2);
    expect(err).toEqual([`regsim check: ${bad}:2: :read returns nil or an integer, got foo`]);
    expect(out[0]).toMatch(/c\.log: illegal/);
  });

  it.each([
    ['no model', ['x.log'], /--model registry\|etcd\|kv is required/],
    ['an unknown model', ['--model', 'queue', 'x.log'], /unknown model "queue"/],
    ['a bad timeout', ['--model', 'etcd', '--timeout', '10', 'x.log'], /--timeout expects a duration/],
    ['no file', ['--model', 'etcd'], /expected at least one history file/],
    ['an unknown flag', ['--model', 'etcd', '--fast', 'x.log'], /unknown flag --fast/],
    [
      'a missing file',
      ['--model', 'etcd', 'does/not/exist.log'],
      /does\/not\/exist\.log: cannot read: ENOENT/,
    ],
  ])('exits 2 with one line for %s', async (_, args, message) => {
    const { code, out, err } = await run(...args);
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
    expect(out).toEqual([]);
  });
});
