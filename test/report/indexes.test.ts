/**
 * The indexes a report shows before and after a counterexample's tasks: R2 on r0 starts from
 * W0 registered by the setup and ends with W1 in `workers` but a stale W2 in `model_index[c]`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exploreScenario } from '../../sim/explore/exploreScenario.ts';
import { replayToken } from '../../sim/replay/replayScenario.ts';
import { decodeToken } from '../../sim/replay/token.ts';
import { diffIndexes, type IndexesView } from '../../sim/report/indexes.ts';
import { collectFindingReport } from '../../sim/report/model.ts';
import { parseScenarioText } from '../../sim/scenario/parse.ts';
import { findImplementation } from '../../src/catalog.ts';

const entries = (view: IndexesView | undefined, name: string) =>
  Object.fromEntries(view?.find((t) => t.name === name)?.entries.map((e) => [e.key, e.value]) ?? []);

describe('indexes before and after a replayed counterexample (R2 on r0)', async () => {
  const impl = findImplementation('r0')!;
  const loaded = parseScenarioText(readFileSync('scenarios/known/R2.json', 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error);
  const result = await exploreScenario({
    impl,
    scenario: loaded.scenario,
    strategy: { name: 'pct', depth: 3 },
    seed: 1,
    maxSchedules: 300,
    timeBudgetMs: 30_000,
    untilFirst: false,
    clock: () => performance.now(),
  });
  const finding = result.findings.find((f) => f.invariant === 'model-index');

  it('finds the stale model-index entry', () => {
    expect(finding).toBeDefined();
  });

  it('shows the state the setup left (W0 under id1) before, and the stale W2 after', async () => {
    const report = await collectFindingReport(finding!, impl);
    const token = decodeToken(finding!.token);
    if (!token.ok) throw new Error(token.error);
    expect((await replayToken(token.token, impl)).divergences).toEqual([]);
    expect(entries(report.before, 'workers')).toEqual({ id1: 'W0 U models [a] Regular/Http' });
    expect(entries(report.before, 'model_index')).toEqual({ a: '[W0@U]' });
    expect(entries(report.after, 'model_index').c).toBe('[W2@U (stale)]');
    expect(entries(report.after, 'hash_rings').b).toBe('U×150');
  });

  it('classifies each entry as added, removed, changed or the same', () => {
    const before: IndexesView = [
      {
        name: 'url_to_id',
        entries: [
          { key: 'U', value: 'id1' },
          { key: 'V', value: 'id2' },
          { key: 'W', value: 'id3' },
        ],
      },
    ];
    const after: IndexesView = [
      {
        name: 'url_to_id',
        entries: [
          { key: 'U', value: 'id1' },
          { key: 'W', value: 'id4' },
          { key: 'X', value: 'id5' },
        ],
      },
      { name: 'workers', entries: [] },
    ];
    expect(diffIndexes(before, after)).toEqual([
      {
        name: 'url_to_id',
        entries: [
          { key: 'U', before: 'id1', after: 'id1', change: 'same' },
          { key: 'V', before: 'id2', after: undefined, change: 'removed' },
          { key: 'W', before: 'id3', after: 'id4', change: 'changed' },
          { key: 'X', before: undefined, after: 'id5', change: 'added' },
        ],
      },
      { name: 'workers', entries: [] },
    ]);
  });
});
