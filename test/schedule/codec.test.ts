/** The schedule codec (`sim/schedule/codec.ts`): scripts and recorded steps round-trip. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeToken, encodeToken } from '../../sim/replay/token.ts';
import { decodeSteps, encodeSteps, formatScriptEntry, parseScriptEntry } from '../../sim/schedule/codec.ts';
import type { PlannedStep } from '../../sim/schedule/types.ts';

const taskName = fc.stringMatching(/^[^*\s]+$/);
const plannedStep: fc.Arbitrary<PlannedStep> = fc.record({
  task: taskName,
  count: fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.constant(Number.POSITIVE_INFINITY)),
});
const step = fc.record({ task: fc.string(), label: fc.string() });

describe('schedule codec', () => {
  it('reads back every script entry it writes', () => {
    fc.assert(
      fc.property(plannedStep, (p) => {
        expect(parseScriptEntry(formatScriptEntry(p))).toEqual(p);
      }),
    );
  });

  it('writes back every script entry it reads', () => {
    fc.assert(
      fc.property(plannedStep, (p) => {
        const text = formatScriptEntry(p);
        expect(formatScriptEntry(parseScriptEntry(text)!)).toBe(text);
      }),
    );
  });

  it('refuses what is not T, T*n (n ≥ 1) or T*', () => {
    for (const bad of ['', 'T1*0', 'T1*-1', 'T1*x', '*', 'T 1', 'T1**', 'T1*01']) {
      expect(parseScriptEntry(bad)).toBeUndefined();
    }
  });

  it('round-trips recorded steps, alone and inside a token', () => {
    fc.assert(
      fc.property(fc.array(step), (steps) => {
        expect(decodeSteps(JSON.parse(JSON.stringify(encodeSteps(steps))))).toEqual(steps);
      }),
    );
    // A token's steps name its scenario's tasks (a token naming another task is corrupt).
    const scenario = {
      name: 's',
      workers: {},
      setup: [],
      tasks: [{ name: 'T1', ops: [{ op: 'getByUrl' as const, url: 'U' }] }],
      post: [],
    };
    fc.assert(
      fc.property(fc.array(fc.record({ task: fc.constant('T1'), label: fc.string() })), (steps) => {
        const decoded = decodeToken(encodeToken({ impl: 'r0', scenario, schedule: steps }));
        expect(decoded.ok && decoded.token.schedule).toEqual(steps);
      }),
    );
  });

  it('refuses a schedule that is not a list of [task, label] pairs', () => {
    for (const bad of [null, 'T1', [['T1']], [['T1', 2]], [['T1', 'a', 'b']], {}]) {
      expect(decodeSteps(bad)).toBeUndefined();
    }
  });
});
