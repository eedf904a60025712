import { describe, expect, it } from 'vitest';
import type { ScheduleStep } from '../../sim/schedule/types.ts';
import { createRandomStrategy } from '../../sim/strategies/random.ts';
import { createReplayStrategy } from '../../sim/strategies/replay.ts';
import { candidates, explore, inserts, lostUpdate, type Run } from './harness.ts';

/** The recording of a run: task name and label per step. */
const record = (run: Run): ScheduleStep[] =>
  run.trace.map((e) => {
    const colon = e.indexOf(':');
    return { task: e.slice(0, colon), label: e.slice(colon + 1) };
  });

describe('replay', () => {
  it('reproduces recorded random schedules exactly', async () => {
    const recorded = await explore(createRandomStrategy({ schedulesPerScenario: 15 }), inserts(3, 3), {
      seed: 3,
    });
    expect(new Set(recorded.map((r) => r.trace.join(' '))).size).toBeGreaterThan(5);
    for (const original of recorded) {
      const replay = createReplayStrategy(record(original));
      const [again] = await explore(replay, inserts(3, 3));
      expect(again!.trace).toEqual(original.trace);
      expect(replay.divergences()).toEqual([]);
      expect(replay.describe()).toBe('replay of 9 steps: followed exactly');
    }
  });

  it('reproduces the lost update it was given', async () => {
    const steps: ScheduleStep[] = [
      { task: 'A', label: 'm.get(n)' },
      { task: 'B', label: 'm.get(n)' },
      { task: 'A', label: 'm.insert(n)' },
      { task: 'B', label: 'm.insert(n)' },
    ];
    const [run] = await explore(createReplayStrategy(steps), lostUpdate);
    expect(run!.counter).toBe(1);
  });

  it('gives one chooser per scenario', () => {
    const replay = createReplayStrategy([]);
    replay.beginScenario();
    expect(replay.next({ index: 0, seed: 0, tasks: 1 })).toBeDefined();
    expect(replay.next({ index: 1, seed: 0, tasks: 1 })).toBeUndefined();
    replay.beginScenario();
    expect(replay.next({ index: 2, seed: 0, tasks: 1 })).toBeDefined();
  });

  it('reports a label divergence with its step and runs the non-preemptive default', () => {
    const replay = createReplayStrategy([
      { task: 'T0', label: 'm.get(x)' },
      { task: 'T1', label: 'm.insert(x)' },
      { task: 'T1', label: 'm.get(x)' },
    ]);
    replay.beginScenario();
    const chooser = replay.next({ index: 0, seed: 0, tasks: 2 })!;
    expect(chooser.choose(candidates([0, 1]), { step: 0, previous: -1 })).toBe(0);
    // T1 is about to `get`, not `insert`: diverge, T0 goes on.
    expect(chooser.choose(candidates([0, 1]), { step: 1, previous: 0 })).toBe(0);
    // The recording resumes at the next step.
    expect(chooser.choose(candidates([0, 1]), { step: 2, previous: 0 })).toBe(1);
    // After the recording: no preemption.
    expect(chooser.choose(candidates([0, 1]), { step: 3, previous: 1 })).toBe(1);
    replay.done({ steps: 4 });
    expect(replay.divergences()).toEqual([
      {
        step: 2,
        wanted: 'T1',
        ran: 'T0',
        text: 'the token expects T1 at m.insert(x), but T1 is at m.get(x)',
      },
    ]);
    expect(replay.describe()).toBe(
      'replay of 3 steps: 1 divergence, first at step 2 (the token expects T1 at m.insert(x), but T1 is at m.get(x))',
    );
  });

  it('reports a task that cannot run, and a run that ends before the recording', () => {
    const replay = createReplayStrategy([
      { task: 'T0', label: 'm.get(x)' },
      { task: 'T2', label: 'm.get(x)' },
      { task: 'T1', label: 'm.get(x)' },
      { task: 'T1', label: 'm.get(x)' },
    ]);
    replay.beginScenario();
    const chooser = replay.next({ index: 0, seed: 0, tasks: 3 })!;
    expect(chooser.choose(candidates([0, 1]), { step: 0, previous: -1 })).toBe(0);
    expect(chooser.choose(candidates([1]), { step: 1, previous: 0 })).toBe(0);
    expect(chooser.choose(candidates([0, 1]), { step: 2, previous: 1 })).toBe(1);
    replay.done({ steps: 3 });
    expect(replay.divergences()).toEqual([
      { step: 2, wanted: 'T2', ran: 'T1', text: 'the token expects T2 at m.get(x), but T2 cannot run' },
      { step: 4, wanted: 'T1', ran: '?', text: 'the token expects T1 at m.get(x), but T1 cannot run' },
    ]);
    // A new scenario starts with no divergences.
    replay.beginScenario();
    replay.next({ index: 1, seed: 0, tasks: 3 });
    expect(replay.divergences()).toEqual([]);
  });

  it('replays a recording on a changed scenario, noting where it diverged', async () => {
    const [original] = await explore(createRandomStrategy(), inserts(2, 3), { seed: 11 });
    const steps = record(original!);
    // T1 now writes other keys: every step of T1 diverges and the defaults run instead.
    const changed: typeof lostUpdate = (s, map) => [
      inserts(2, 3)(s, map)[0]!,
      {
        name: 'T1',
        body: async () => {
          for (let k = 0; k < 3; k++) await map.insert(`z${k}`, k);
        },
      },
    ];
    const replay = createReplayStrategy(steps);
    const [run] = await explore(replay, changed);
    expect(run!.outcome.status).toBe('done');
    const first = steps.findIndex((s) => s.task === 'T1');
    expect(replay.divergences()[0]).toMatchObject({
      step: first + 1,
      wanted: 'T1',
      text: `the token expects T1 at ${steps[first]!.label}, but T1 is at m.insert(z0)`,
    });
  });
});
