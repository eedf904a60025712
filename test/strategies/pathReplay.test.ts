/** The re-run of a recorded path that dfs and DPOR share: replay, divergence, and winding down. */
import { describe, expect, it } from 'vitest';
import { NondeterminismError } from '../../sim/schedule/nondeterminism.ts';
import { PathReplay, runnableTasks } from '../../sim/strategies/pathReplay.ts';
import { candidates } from './harness.ts';

describe('PathReplay', () => {
  it('finds the recorded task again among the same runnable tasks', () => {
    const replay = new PathReplay('dfs');
    const now = candidates([0, 2, 5]);
    replay.begin();
    replay.ask(0);
    expect(replay.replay(now, 0, 5, runnableTasks(now))).toBe(2);
    replay.ask(1);
    expect(() => replay.finish(2)).not.toThrow();
    expect(replay.divergence).toBeUndefined();
  });

  it('raises a nondeterminism error naming the step when other tasks are runnable', () => {
    const replay = new PathReplay('dpor');
    const recorded = runnableTasks(candidates([0, 1]));
    replay.begin();
    replay.ask(3);
    let thrown: unknown;
    try {
      replay.replay(candidates([0, 1, 2]), 3, 1, recorded);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NondeterminismError);
    expect((thrown as NondeterminismError).step).toBe(4);
    expect((thrown as Error).message).toBe(
      'dpor: the scenario is not deterministic, so its schedules cannot be replayed: at step 4 the runnable tasks were [0:m.get(x) 1:m.get(x) 2:m.get(x)], but [0:m.get(x) 1:m.get(x)] when the same choices were made before',
    );
    // The same error comes back from every later call, until a new scenario resets it.
    expect(replay.divergence).toBe(thrown);
    expect(() => replay.rethrow()).toThrow(thrown as Error);
    expect(() => replay.finish(0)).toThrow(thrown as Error);
    replay.reset();
    expect(replay.divergence).toBeUndefined();
    expect(() => replay.rethrow()).not.toThrow();
  });

  it('raises one when a run ends before the path it replayed', () => {
    const replay = new PathReplay('dfs');
    replay.begin();
    replay.ask(0);
    replay.ask(1);
    expect(() => replay.finish(3)).toThrow(
      'dfs: the scenario is not deterministic, so its schedules cannot be replayed: the schedule took 2 steps, but 3 when the same choices were made before',
    );
    expect((replay.divergence as NondeterminismError).step).toBe(3);
  });
});
