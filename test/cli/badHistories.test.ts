/**
 * `regsim check` on inputs that are not histories of the model, run as the installed command:
 * every one exits 2 with one line naming the file (and the line it could not read), and none
 * passes as "ok (0 operations)".
 */
import { mkdtempSync, openSync, readSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCliWatched } from './runCli.ts';

const temp = mkdtempSync(join(tmpdir(), 'regsim-bad-history-'));

/** Bytes from a fixed-seed generator (xorshift32), so the "random" file is the same every run. */
function randomBytes(count: number): Buffer {
  const bytes = Buffer.alloc(count);
  let x = 0x2545f491;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** The first bytes of the running Node executable: a real binary on every platform. */
function binaryBytes(count: number): Buffer {
  const bytes = Buffer.alloc(count);
  const fd = openSync(process.execPath, 'r');
  return bytes.subarray(0, readSync(fd, bytes, 0, count, 0));
}

const etcdLine = (event: string): string => `INFO  jepsen.util - ${event}`;
const KV_HISTORY = [
  '{:process 0, :type :invoke, :f :put, :key "1", :value "x"}',
  '{:process 0, :type :ok, :f :put, :key "1", :value "x"}',
].join('\n');
const ETCD_HISTORY = [etcdLine('0 :invoke :write 1'), etcdLine('0 :ok :write 1')].join('\n');
const REGISTRY_HISTORY = [
  '{"client": 0, "call": {"kind": "get", "id": "w1"}}',
  '{"client": 0, "return": null}',
].join('\n');

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const HINT = ': is --model right\\?';
/** The stderr line for a fault on one line of `file`. */
const atLine =
  (line: number, message: string) =>
  (file: string): RegExp =>
    new RegExp(`^regsim check: ${escapeRegExp(file)}:${line}: ${message}$`);
/** The stderr line for a file with no operation of the model. */
const noOperations =
  (model: string) =>
  (file: string): RegExp =>
    new RegExp(`^regsim check: no ${model} operations in ${escapeRegExp(file)}${HINT}$`);

interface Case {
  readonly name: string;
  readonly model: 'etcd' | 'kv' | 'registry';
  readonly content: string | Buffer;
  /** The one line stderr must hold, given the file's path. */
  readonly says: (file: string) => RegExp;
}

const NOT_ETCD = `not a Jepsen etcd event${HINT}`;
const CASES: readonly Case[] = [
  { name: 'random bytes', model: 'etcd', content: randomBytes(4096), says: atLine(1, NOT_ETCD) },
  { name: 'a binary', model: 'etcd', content: binaryBytes(65_536), says: atLine(1, NOT_ETCD) },
  { name: 'a kv history', model: 'etcd', content: KV_HISTORY, says: atLine(1, NOT_ETCD) },
  { name: 'an empty file', model: 'etcd', content: '', says: noOperations('etcd') },
  { name: 'blank lines only', model: 'etcd', content: '\n  \n\n', says: noOperations('etcd') },
  {
    name: 'a log with a foreign line',
    model: 'etcd',
    content: [etcdLine('0 :invoke :write 1'), 'INFO  jepsen.core - done', etcdLine('0 :ok :write 1')].join(
      '\n',
    ),
    says: atLine(2, 'not a Jepsen etcd event'),
  },
  { name: 'random bytes', model: 'kv', content: randomBytes(4096), says: atLine(1, `.+${HINT}`) },
  { name: 'an etcd log', model: 'kv', content: ETCD_HISTORY, says: atLine(1, `.+${HINT}`) },
  { name: 'an empty file', model: 'kv', content: '', says: noOperations('kv') },
  {
    name: 'failed calls only',
    model: 'kv',
    content: [
      '{:process 0, :type :invoke, :f :put, :key "1", :value "x"}',
      '{:process 0, :type :fail, :f :put, :key "1", :value "x"}',
    ].join('\n'),
    says: noOperations('kv'),
  },
  { name: 'a binary', model: 'registry', content: binaryBytes(65_536), says: atLine(1, `.+${HINT}`) },
  { name: 'a kv history', model: 'registry', content: KV_HISTORY, says: atLine(1, `.+${HINT}`) },
  { name: 'an empty file', model: 'registry', content: '', says: noOperations('registry') },
  {
    name: 'a variant and no events',
    model: 'registry',
    content: '{"variant": "upsert"}\n',
    says: noOperations('registry'),
  },
];

async function runCheck(
  model: string,
  file: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return spawnCliWatched(['check', '--model', model, file]);
}

describe.concurrent('regsim check on bad history files', () => {
  it('accepts the well-formed histories the cases are made from', async () => {
    const files = { etcd: ETCD_HISTORY, kv: KV_HISTORY, registry: REGISTRY_HISTORY };
    for (const [model, content] of Object.entries(files)) {
      const file = join(temp, `good-${model}`);
      writeFileSync(file, content);
      const run = await runCheck(model, file);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
    }
  });

  it.each(CASES.map((c, i) => ({ ...c, i })))(
    'exits 2 with one line for $name given to --model $model',
    async ({ model, content, says, i }) => {
      const file = join(temp, `case-${i}`);
      writeFileSync(file, content);
      const run = await runCheck(model, file);
      expect(run.code).toBe(2);
      expect(run.out).toBe('');
      const lines = run.err.split('\n').filter((l) => l !== '');
      expect(lines).toHaveLength(1);
      expect(lines[0]).not.toMatch(/\bat .*:\d+:\d+/);
      expect(lines[0]).toMatch(says(file));
    },
  );
});
