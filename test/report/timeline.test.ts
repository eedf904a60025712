/** The SVG timeline marks a counterexample's racing pair: both steps, and a line between them. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findRacingPairs } from '../../sim/explore/racingPairs.ts';
import { runSchedule } from '../../sim/explore/runSchedule.ts';
import { renderTimeline } from '../../sim/report/timeline.ts';
import { parseScenarioText } from '../../sim/scenario/parse.ts';
import { followScript } from '../../sim/schedule/follow.ts';
import { findImplementation } from '../../src/catalog.ts';

describe('renderTimeline', () => {
  it('marks the racing steps of R1 on r0 and joins each pair', async () => {
    const loaded = parseScenarioText(readFileSync('scenarios/known/R1.json', 'utf8'));
    if (!loaded.ok) throw new Error(loaded.error);
    const s = loaded.scenario;
    const r0 = findImplementation('r0')!;
    const run = await runSchedule(s, r0, followScript(s.schedule ?? []));
    const race = await findRacingPairs(s, r0, run, 'url-unique');
    const names = s.tasks.map((t) => t.name);
    const svg = renderTimeline(run.execution, names, 'url-unique', race);
    const joined = race.map((p) => `${p.first.step}-${p.second.step}`);
    expect([...svg.matchAll(/<line class="race" data-race="(\d+-\d+)"/g)].map((m) => m[1])).toEqual(joined);
    const marked = [...svg.matchAll(/data-step="(\d+)" data-racing="true"/g)]
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    expect(marked).toEqual(
      [...new Set(race.flatMap((p) => [p.first.step, p.second.step]))].sort((a, b) => a - b),
    );
    expect(renderTimeline(run.execution, names, 'url-unique')).not.toContain('data-racing');
  });
});
