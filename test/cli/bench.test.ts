import { describe, expect, it } from 'vitest';
import { commandHelp } from '../../sim/cli/usage.ts';
import { runCli } from './runCli.ts';

describe('regsim bench', () => {
  it('gives a registry that answers wrongly exit 1, one line naming the first wrong answer, and no figures', async () => {
    const run = await runCli(
      'bench',
      '--impl',
      'actor,./test/fixtures/plugins/wrong-id-registry.ts',
      '--workload',
      'spread',
      '--urls',
      '100',
      '--mix',
      'write-only',
    );
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err.split('\n')).toHaveLength(1);
    expect(run.err).toContain(
      'wrong-id-registry.ts: register(W1.1) returned id1, the sequential specification says a fresh id (call 2 of',
    );
  });

  it('benchmarks a plugin registry like a built-in one', async () => {
    const run = await runCli(
      'bench',
      '--impl',
      'v1113,./examples/plugins/fixed-registry.ts',
      '--workload',
      'spread',
      '--urls',
      '100',
      '--mix',
      'getByUrl:2,register:1,removeByUrl:1',
      '--ops',
      '200',
      '--rounds',
      '1',
      '--json',
    );
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out);
    expect(json.baseline).toBe('v1113');
    expect(json.machine.cpus).toBeGreaterThan(0);
    expect(json.effectiveParallelism.start).toBeGreaterThan(0);
    const [cell] = json.cells;
    expect(cell.mix).toBe('getByUrl:2,register:1,removeByUrl:1');
    const plugin = cell.rows.find((r: { impl: string }) => r.impl === './examples/plugins/fixed-registry.ts');
    expect(plugin.opsPerSecond).toBeGreaterThan(0);
    expect(plugin.vsBaseline.cpu).toBeGreaterThan(0);
    expect(Object.keys(plugin.latency).sort()).toEqual(['getByUrl', 'register', 'removeByUrl']);
  });

  it.each([
    [['--impl', 'actor', '--fast'], 'unknown flag --fast'],
    [['--workload', 'spread'], '--impl is required'],
    [['--impl', 'nope'], 'unknown implementation "nope"'],
    [['--impl', 'actor', '--rounds', '0'], '--rounds expects a positive integer, got "0"'],
    [['--impl', 'actor', '--workload', 'cold'], '--workload expects hot or spread, got "cold"'],
    [['--impl', 'actor', '--mix', 'mostly'], '--mix expects read-heavy, churn, write-only or weights'],
    [['--impl', 'actor', '--urls', '10', '--models', '20'], '--models 20 is more than the 10 URLs'],
    [['--impl', 'actor', '--baseline', 'v1113'], 'the baseline v1113 is not among the implementations'],
    [['--impl', 'actor,pre714'], 'pre714 has the upsert API'],
    [['--impl', './examples/plugins/fixed-registry.ts', '--mix', 'churn'], 'does not offer replace'],
    [['--impl', 'actor', 'extra'], 'unexpected argument "extra"'],
  ])('rejects %j with exit 2 and one line', async (args, message) => {
    const run = await runCli('bench', ...args);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err.split('\n')).toHaveLength(1);
    expect(run.err).toContain(message);
  });

  it('documents every flag with --help', async () => {
    const run = await runCli('bench', '--help');
    expect(run.code).toBe(0);
    expect(run.out.split('\n')).toEqual(commandHelp('bench'));
    const flags = [
      'impl',
      'workload',
      'urls',
      'models',
      'mix',
      'ops',
      'rounds',
      'concurrency',
      'json',
      'baseline',
      'report',
    ];
    // Every flag in the synopsis and with a line of its own.
    const help = commandHelp('bench');
    for (const flag of flags) {
      expect(help.slice(0, 3).join(' ')).toContain(`--${flag}`);
      expect(help.some((line) => line.startsWith(`  --${flag} `))).toBe(true);
    }
  });
});
