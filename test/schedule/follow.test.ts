/** The schedule follower (`sim/schedule/follow.ts`) on scripts, fed candidate lists directly. */
import { describe, expect, it } from 'vitest';
import { parseScriptEntry } from '../../sim/schedule/codec.ts';
import { createFollower } from '../../sim/schedule/follow.ts';
import type { Candidate } from '../../sim/scheduler/types.ts';

const TASKS = ['T1', 'T2', 'T3'];
const ALL = TASKS;

/** Candidates for the runnable task names, sorted by task index as the scheduler gives them. */
const candidates = (names: readonly string[]): Candidate[] =>
  TASKS.filter((name) => names.includes(name)).map((name) => ({
    task: TASKS.indexOf(name),
    name,
    label: `${name}:step`,
  }));

/** Runs the chooser for one step per entry of `runnable`; the task names it picked, in order. */
function drive(script: readonly string[], runnable: readonly (readonly string[])[]) {
  const chooser = createFollower(
    script.map((entry) => parseScriptEntry(entry)!),
    'later-in-plan',
  );
  const ran: string[] = [];
  let previous = -1;
  for (const [step, names] of runnable.entries()) {
    const list = candidates(names);
    const choice = chooser.choose(list, { step, previous });
    const picked = list[choice];
    expect(picked).toBeDefined();
    ran.push(picked!.name);
    previous = picked!.task;
  }
  return { ran, divergences: chooser.divergences };
}

const steps = (n: number, names: readonly string[] = ALL) => Array.from({ length: n }, () => names);

describe('parseScriptEntry', () => {
  it('reads T, T*n and T*', () => {
    expect(parseScriptEntry('T1')).toEqual({ task: 'T1', count: 1 });
    expect(parseScriptEntry('T1*3')).toEqual({ task: 'T1', count: 3 });
    expect(parseScriptEntry('T1*')).toEqual({ task: 'T1', count: Number.POSITIVE_INFINITY });
  });
});

describe('createScriptedChooser', () => {
  it('follows the script when every named task is runnable', () => {
    const { ran, divergences } = drive(['T2', 'T1', 'T3', 'T1'], steps(4));
    expect(ran).toEqual(['T2', 'T1', 'T3', 'T1']);
    expect(divergences).toEqual([]);
  });

  it('repeats T*n n times', () => {
    expect(drive(['T3*2', 'T1*3', 'T2'], steps(6)).ran).toEqual(['T3', 'T3', 'T1', 'T1', 'T1', 'T2']);
  });

  it('runs T* while runnable, then moves on without a divergence', () => {
    const { ran, divergences } = drive(['T1*', 'T3', 'T2'], [...steps(3), ['T2', 'T3'], ['T2', 'T3']]);
    expect(ran).toEqual(['T1', 'T1', 'T1', 'T3', 'T2']);
    expect(divergences).toEqual([]);
  });

  it('skips a T* entry whose task is not runnable at all', () => {
    const { ran, divergences } = drive(['T1*', 'T2*', 'T3'], [['T2', 'T3'], ['T3']]);
    expect(ran).toEqual(['T2', 'T3']);
    expect(divergences).toEqual([]);
  });

  it('runs the next runnable task named later in the script and records the divergence', () => {
    // At step 3, T1 is not runnable: T3 is named before T2 later in the script, so T3 runs, though
    // T2 comes first among the candidates. The wanted entry is used up by that step.
    const { ran, divergences } = drive(['T1', 'T2', 'T1', 'T3', 'T2'], [ALL, ALL, ['T2', 'T3'], ALL, ALL]);
    expect(ran).toEqual(['T1', 'T2', 'T3', 'T3', 'T2']);
    expect(divergences).toEqual([
      { step: 3, wanted: 'T1', ran: 'T3', text: 'the script names T1, which cannot run; ran T3' },
    ]);
  });

  it('records a divergence for each step of a T*n entry that cannot run', () => {
    const { ran, divergences } = drive(['T1*2', 'T3'], steps(3, ['T2', 'T3']));
    expect(ran).toEqual(['T3', 'T3', 'T3']);
    expect(divergences).toEqual([
      { step: 1, wanted: 'T1', ran: 'T3', text: 'the script names T1, which cannot run; ran T3' },
      { step: 2, wanted: 'T1', ran: 'T3', text: 'the script names T1, which cannot run; ran T3' },
    ]);
  });

  it('falls back to the first candidate when no later task in the script can run', () => {
    const { ran, divergences } = drive(['T1', 'T1'], [['T2', 'T3']]);
    expect(ran).toEqual(['T2']);
    expect(divergences).toEqual([
      { step: 1, wanted: 'T1', ran: 'T2', text: 'the script names T1, which cannot run; ran T2' },
    ]);
  });

  it('after the script, keeps the previous task while it is runnable', () => {
    const { ran, divergences } = drive(['T2'], [ALL, ALL, ALL, ['T1', 'T3'], ['T1', 'T3']]);
    expect(ran).toEqual(['T2', 'T2', 'T2', 'T1', 'T1']);
    expect(divergences).toEqual([]);
  });

  it('with an empty script, starts with the first candidate and keeps it', () => {
    expect(drive([], [['T2', 'T3'], ALL, ALL]).ran).toEqual(['T2', 'T2', 'T2']);
  });
});
