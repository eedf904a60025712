/**
 * Racing pairs (`sim/explore/racingPairs.ts`) pinned on the known interleavings of R0 (spec §6):
 * the conflicting steps whose order decides each violation, and none for a sequential one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fuzz } from '../../sim/api/fuzz.ts';
import { describeRacingPair, findRacingPairs } from '../../sim/explore/racingPairs.ts';
import { runSchedule } from '../../sim/explore/runSchedule.ts';
import { parseScenarioText } from '../../sim/scenario/parse.ts';
import { followScript } from '../../sim/schedule/follow.ts';
import { findImplementation } from '../../src/catalog.ts';

const r0 = findImplementation('r0')!;

/** The racing pairs of the scenario's scripted run on r0, for `invariant`, as text. */
async function racesOf(name: string, invariant: string) {
  const loaded = parseScenarioText(readFileSync(`scenarios/known/${name}.json`, 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error);
  const s = loaded.scenario;
  const run = await runSchedule(s, r0, followScript(s.schedule ?? []));
  expect(run.violations.map((v) => v.invariant)).toContain(invariant);
  return {
    preemptions: run.preemptions,
    races: (await findRacingPairs(s, r0, run, invariant as never)).map(describeRacingPair),
  };
}

describe('racing pairs on r0', () => {
  it('R1: each contains_key check races with the other task’s insert', async () => {
    expect((await racesOf('R1', 'url-unique')).races).toEqual([
      'T1 url_to_id.contains_key(U) → false  ⟂  T2 url_to_id.insert(U) ← id2',
      'T2 url_to_id.contains_key(U) → false  ⟂  T1 url_to_id.insert(U) ← id1',
    ]);
  });

  it('R2: the stale read of the old worker races with the other replace’s write', async () => {
    expect((await racesOf('R2', 'model-index')).races).toEqual([
      'T2 workers.get(id1) → W0  ⟂  T1 workers.insert(id1) ← W1',
    ]);
  });

  it('R3 and R4 break r0 without any preemption: there is no race to name', async () => {
    expect(await racesOf('R3', 'url-unique')).toEqual({ preemptions: 0, races: [] });
    expect(await racesOf('R4', 'linearizable')).toEqual({ preemptions: 0, races: [] });
  });

  it('every counterexample in a fuzz result carries its race, or is sequential', async () => {
    const result = await fuzz({ impl: 'r0', strategy: 'pct', seed: 1, schedules: 1_000, threads: 1 });
    expect(result.violations.length).toBeGreaterThan(0);
    for (const v of result.violations) {
      if (v.depth === 0) expect(v.race).toEqual([]);
      else
        for (const pair of v.race) {
          expect(pair.first.task).not.toBe(pair.second.task);
          expect(pair.first.step).toBeLessThan(pair.second.step);
        }
    }
    expect(result.violations.some((v) => v.race.length > 0)).toBe(true);
  });
});
