/**
 * The exploration runner (`sim/explore/run.ts`) and the wrappers around it (`limits.ts`,
 * `metrics.ts`): a real strategy on a real scenario and implementation, watched through a
 * strategy that records what the runner asks of it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { limitSchedules, limitTime, stopAfter } from '../../sim/explore/limits.ts';
import { createMetrics, measured } from '../../sim/explore/metrics.ts';
import { type ExploredSchedule, runStrategy } from '../../sim/explore/run.ts';
import { deriveSeed } from '../../sim/explore/seeds.ts';
import { parseScenarioText } from '../../sim/scenario/parse.ts';
import { createDfsStrategy } from '../../sim/strategies/dfs.ts';
import { createRandomStrategy } from '../../sim/strategies/random.ts';
import type { ScheduleStart, Strategy } from '../../sim/strategies/types.ts';
import { findImplementation } from '../../src/catalog.ts';

const loaded = parseScenarioText(readFileSync('scenarios/known/R1.json', 'utf8'));
if (!loaded.ok) throw new Error(loaded.error);
const scenario = loaded.scenario;
const r0 = findImplementation('r0')!;

/** Wraps a strategy, recording each call the runner makes. */
function watched(inner: Strategy) {
  const calls: string[] = [];
  const starts: ScheduleStart[] = [];
  const strategy: Strategy = {
    name: inner.name,
    beginScenario() {
      calls.push('begin');
      inner.beginScenario();
    },
    next(start) {
      calls.push('next');
      starts.push(start);
      return inner.next(start);
    },
    done(end) {
      calls.push(`done(${end.steps})`);
      inner.done(end);
    },
    describe: () => inner.describe(),
  };
  return { strategy, calls, starts };
}

async function collect(stream: AsyncIterable<ExploredSchedule>): Promise<ExploredSchedule[]> {
  const all: ExploredSchedule[] = [];
  for await (const s of stream) all.push(s);
  return all;
}

describe('runStrategy', () => {
  it('begins the scenario once, then asks, runs and reports back per schedule until the strategy is done', async () => {
    const { strategy, calls, starts } = watched(createDfsStrategy({ maxPreemptions: 0 }));
    const runs = await collect(runStrategy(scenario, r0, strategy, { seed: 7, firstIndex: 40 }));
    expect(runs.length).toBeGreaterThan(0);
    expect(calls[0]).toBe('begin');
    expect(calls.filter((c) => c === 'begin')).toHaveLength(1);
    // Every schedule: next, then done with the steps its concurrent phase took; a last next says no more.
    expect(calls.filter((c) => c === 'next')).toHaveLength(runs.length + 1);
    runs.forEach((r, i) => {
      expect(r.index).toBe(40 + i);
      expect(calls[1 + 2 * i + 1]).toBe(`done(${r.run.execution.phases.tasks!.steps})`);
    });
    expect(starts.map((s) => s.seed)).toEqual(starts.map((s) => deriveSeed(7, s.index)));
    expect(starts.every((s) => s.tasks === scenario.tasks.length)).toBe(true);
  });

  it('runs nothing until asked: a limit stops the strategy, not just the output', async () => {
    const { strategy, calls } = watched(createRandomStrategy({ schedulesPerScenario: 1_000 }));
    const runs = await collect(
      limitSchedules(runStrategy(scenario, r0, strategy, { seed: 1, firstIndex: 0 }), 3),
    );
    expect(runs.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(calls.filter((c) => c === 'next')).toHaveLength(3);
    expect(
      await collect(limitSchedules(runStrategy(scenario, r0, strategy, { seed: 1, firstIndex: 0 }), 0)),
    ).toEqual([]);
  });

  it('replays: the same seed and indexes give the same schedules', async () => {
    const traces = async () =>
      (
        await collect(
          limitSchedules(
            runStrategy(scenario, r0, createRandomStrategy({ schedulesPerScenario: 50 }), {
              seed: 3,
              firstIndex: 5,
            }),
            20,
          ),
        )
      ).map((r) => r.run.schedule.map((s) => s.task).join(''));
    expect(await traces()).toEqual(await traces());
  });
});

describe('wrappers', () => {
  const endless = () =>
    runStrategy(scenario, r0, createRandomStrategy({ schedulesPerScenario: Number.MAX_SAFE_INTEGER }), {
      seed: 2,
      firstIndex: 0,
    });

  it('limitTime checks the clock before each schedule', async () => {
    let now = 0;
    const clock = () => now;
    const seen: number[] = [];
    for await (const s of limitTime(endless(), 10, clock)) {
      seen.push(s.index);
      now += 4;
    }
    // Started at 0: schedules at t = 0, 4, 8 start within the 10 ms budget; at t = 12 none does.
    expect(seen).toEqual([0, 1, 2]);
    now = 50;
    expect(await collect(limitTime(endless(), 10, clock, 40))).toEqual([]);
  });

  it('stopAfter yields up to and including the first schedule that satisfies it', async () => {
    const runs = await collect(stopAfter(limitSchedules(endless(), 500), (s) => s.run.violations.length > 0));
    expect(runs.at(-1)!.run.violations.length).toBeGreaterThan(0);
    expect(runs.slice(0, -1).every((s) => s.run.violations.length === 0)).toBe(true);
  });

  it('measured counts schedules and keeps the largest task count and step count', async () => {
    const metrics = createMetrics();
    const runs = await collect(measured(limitSchedules(endless(), 25), scenario.tasks.length, metrics));
    expect(metrics.schedules).toBe(25);
    expect(metrics.maxTasks).toBe(scenario.tasks.length);
    expect(metrics.maxSteps).toBe(Math.max(...runs.map((r) => r.run.execution.phases.tasks!.steps)));
  });
});
