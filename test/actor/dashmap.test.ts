/**
 * `actor-dashmap`: the actor registry's per-URL actors over DashMap-style indexes. The scripted
 * races of spec §6 and of the findings catalogue leave it consistent (per-URL serialisation rules
 * them out), while a reader that reads two indexes during one commit sees it half applied
 * (`scenarios/findings/dashmap-*.json`), which `actor`'s single commit step rules out.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkExecution } from '../../sim/checks/checkExecution.ts';
import { executeScenario } from '../../sim/scenario/execute.ts';
import { parseScenarioText } from '../../sim/scenario/parse.ts';
import type { Scenario } from '../../sim/scenario/types.ts';
import { followScript } from '../../sim/schedule/follow.ts';
import { findImplementation } from '../../src/catalog.ts';

const load = (path: string): Scenario => {
  const loaded = parseScenarioText(readFileSync(path, 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.scenario;
};
async function violationsOf(path: string, impl: string) {
  const scenario = load(path);
  const implementation = findImplementation(impl)!;
  const follower = followScript(scenario.schedule ?? []);
  return checkExecution(await executeScenario(scenario, implementation, follower), implementation);
}

describe('actor-dashmap', () => {
  it.each([
    'known/R1',
    'known/R2',
    'known/R3',
    'known/R4',
    'known/fabricated-id',
    'known/gap-756',
    'findings/b1events',
    'findings/repreg',
    'findings/wildseq',
  ])('keeps every invariant on the scripted schedule of %s', async (name) => {
    expect(await violationsOf(`scenarios/${name}.json`, 'actor-dashmap')).toEqual([]);
  });

  it.each([
    ['dashmap-skew', /T2: getByModel\(a\) ⇒ \[\] cannot follow .*T2: getByUrl\(U1\) ⇒ W1/],
    ['dashmap-move', /T2: getByModel\(c\) ⇒ \[\] cannot follow .*T2: getByModel\(b\) ⇒ \[\]/],
  ])('%s: a reader sees a commit half applied, which actor rules out', async (name, message) => {
    const path = `scenarios/findings/${name}.json`;
    const violations = await violationsOf(path, 'actor-dashmap');
    expect(violations.map((v) => v.invariant)).toEqual(['linearizable']);
    expect(violations[0]!.message).toMatch(message);
    expect(await violationsOf(path, 'actor')).toEqual([]);
  });
});
