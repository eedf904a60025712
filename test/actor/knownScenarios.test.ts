/** Every scripted race of `scenarios/known/` replays on `actor` without a violation. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayScenario } from '../../sim/replay/replayScenario.ts';
import { parseScenarioText } from '../../sim/scenario/parse.ts';
import { actor } from '../../src/actor/implementation.ts';
import { findImplementation } from '../../src/catalog.ts';

const DIR = 'scenarios/known';
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('actor on the known scenarios', () => {
  it('is listed in the catalog', () => {
    expect(findImplementation('actor')).toBe(actor);
  });

  it('finds scenarios to replay', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(5);
  });

  it.each(FILES)('%s replays with no violation', async (file) => {
    const parsed = parseScenarioText(readFileSync(`${DIR}/${file}`, 'utf8'));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
    const { violations, execution } = await replayScenario(parsed.scenario, actor);
    expect(violations).toEqual([]);
    expect(execution.quiescent).toBe(true);
  });
});
