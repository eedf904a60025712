/**
 * The campaign progress bar: its fields, what it draws on a terminal, and that `regsim fuzz`
 * shows it on a terminal only, never with `--json`.
 */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgressBar, progressFields } from '../../sim/report/progress.ts';
import { runCli } from '../cli/runCli.ts';

/** A stream that says it is a terminal and keeps what is written to it. */
function fakeTerminal(isTTY: boolean): { stream: PassThrough; text: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 160 });
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { stream, text: () => chunks.join('') };
}

describe('progressFields', () => {
  it('gives the rate, the violations so far and the time left at that rate', () => {
    const fields = progressFields(
      { schedules: 1000, plannedSchedules: 3000, failures: 2, elapsedMs: 2000 },
      60_000,
    );
    expect(fields).toEqual({ rate: '500/s', violations: '2 violations', left: '4s' });
  });

  it('caps the time left at what remains of the budget', () => {
    const fields = progressFields(
      { schedules: 10, plannedSchedules: 100_000, failures: 1, elapsedMs: 1000 },
      90_000,
    );
    expect(fields.left).toBe('1m 29s');
    expect(fields.violations).toBe('1 violation');
  });
});

describe('createProgressBar', () => {
  it('draws schedules done of planned, rate, violations and time left on a terminal', async () => {
    const terminal = fakeTerminal(true);
    const bar = createProgressBar('r0', 60_000, terminal.stream);
    bar.update({ schedules: 500, plannedSchedules: 2000, failures: 1, elapsedMs: 1000 });
    bar.update({ schedules: 2000, plannedSchedules: 2000, failures: 3, elapsedMs: 4000 });
    bar.stop();
    await new Promise((resolve) => setImmediate(resolve));
    const text = terminal.text();
    expect(text).toMatch(/r0 \[[^\]]+\] 2000\/2000 schedules \| 500\/s \| 3 violations \| 0s left/);
  });

  it('draws nothing on a stream that is not a terminal', async () => {
    const pipe = fakeTerminal(false);
    const bar = createProgressBar('r0', 60_000, pipe.stream);
    bar.update({ schedules: 500, plannedSchedules: 2000, failures: 1, elapsedMs: 1000 });
    bar.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(pipe.text()).toBe('');
  });
});

describe('regsim fuzz on a terminal', () => {
  const original = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  afterEach(() => {
    if (original === undefined) Reflect.deleteProperty(process.stderr, 'isTTY');
    else Object.defineProperty(process.stderr, 'isTTY', original);
    vi.restoreAllMocks();
  });

  const fuzzOnTerminal = async (...extra: string[]): Promise<string> => {
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    // The actor registry breaks nothing, so the run is a scan without shrinking.
    const run = await runCli('fuzz', '--impl', 'actor', '--schedules', '100', '--threads', '1', ...extra);
    expect(run.code, run.err).toBe(0);
    return written.join('');
  };

  it('shows the progress bar', async () => {
    expect(await fuzzOnTerminal()).toMatch(/actor \[[^\]]+\] 100\/100 schedules \| \d+\/s \| 0 violations/);
  });

  it('shows nothing of it with --json', async () => {
    expect(await fuzzOnTerminal('--json')).toBe('');
  });
});
