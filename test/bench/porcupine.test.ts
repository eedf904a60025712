import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { etcdBenchmark, expectSameHistories, kvBenchmark } from '../../bench/porcupine.ts';
import { historyPath } from '../data/porcupine/porcupineData.ts';

describe("Porcupine's benchmarks", () => {
  it('are named as in its porcupine_test.go', () => {
    expect(etcdBenchmark('jepsen/etcd_007.log')).toBe('BenchmarkEtcdJepsen007');
    expect(kvBenchmark('kv/c01-ok.txt', true)).toBe('BenchmarkKv1ClientOk');
    expect(kvBenchmark('kv/c10-bad.txt', false)).toBe('BenchmarkKvNoPartition10ClientsBad');
    expect(() => etcdBenchmark('kv/c01-ok.txt')).toThrow(/not an etcd history/);
  });

  describe('run only on the histories we check', () => {
    const checkout = mkdtempSync(join(tmpdir(), 'regsim-porcupine-'));
    afterAll(() => rmSync(checkout, { recursive: true, force: true }));
    const files = [{ file: 'jepsen/etcd_000.log' }, { file: 'kv/c01-ok.txt' }];
    const place = (file: string) => {
      const path = join(checkout, 'test_data', file);
      mkdirSync(dirname(path), { recursive: true });
      return path;
    };

    it('passes identical copies, and names a changed or missing one', () => {
      for (const { file } of files) copyFileSync(historyPath(file), place(file));
      expect(() => expectSameHistories(checkout, files, historyPath)).not.toThrow();
      writeFileSync(place('kv/c01-ok.txt'), '{:process 0, :type :invoke}\n');
      expect(() => expectSameHistories(checkout, files, historyPath)).toThrow(/differs.*kv\/c01-ok\.txt$/);
      rmSync(place('jepsen/etcd_000.log'));
      expect(() => expectSameHistories(checkout, files, historyPath)).toThrow(
        /jepsen\/etcd_000\.log, kv\/c01-ok\.txt/,
      );
    });
  });
});
