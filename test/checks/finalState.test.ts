/**
 * `final-state` and `event-order` on real runs: a reservation the specification also leaves is
 * no violation on any implementation, a dangling `url_to_id` entry no linearization explains is
 * one (pre714, `scenarios/findings/dangling.json`), and V1113/HEAD's remove-versus-register race
 * tells subscribers that a live worker was removed (`scenarios/findings/b1events.json`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkExecution } from '../../sim/checks/checkExecution.ts';
import { executeScenario } from '../../sim/scenario/execute.ts';
import { parseScenarioText } from '../../sim/scenario/parse.ts';
import type { Scenario } from '../../sim/scenario/types.ts';
import { followScript } from '../../sim/schedule/follow.ts';
import { findImplementation, IMPLEMENTATIONS } from '../../src/catalog.ts';

const finding = (name: string): Scenario => {
  const loaded = parseScenarioText(readFileSync(`scenarios/findings/${name}.json`, 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.scenario;
};
const scripted = (s: Scenario) => followScript(s.schedule ?? []);
async function violationsOf(name: string, impl: string) {
  const scenario = finding(name);
  const implementation = findImplementation(impl)!;
  const execution = await executeScenario(scenario, implementation, scripted(scenario));
  return checkExecution(execution, implementation);
}

describe('final-state', () => {
  it.each(IMPLEMENTATIONS.map((i) => i.name))('accepts a bare reservation on %s', async (impl) => {
    expect(await violationsOf('bare', impl)).toEqual([]);
  });

  it('reports a url_to_id entry that no linearization leaves (pre714: register races remove)', async () => {
    const violations = await violationsOf('dangling', 'pre714');
    expect(violations.find((v) => v.invariant === 'final-state')?.message).toBe(
      "the quiescent state {U: reserved id1} is not the specification's after any linearization",
    );
    expect(violations.some((v) => v.invariant === 'linearizable')).toBe(false);
  });
});

describe('event-order on the ports with events', () => {
  it.each(['v1113', 'head'])('%s tells subscribers a live worker was removed', async (impl) => {
    const messages = (await violationsOf('b1events', impl))
      .filter((v) => v.invariant === 'event-order')
      .map((v) => v.message);
    expect(messages).toEqual([
      'event 2 (registered id1 W1): id1 is already live as W0 (from event 1)',
      'event 3 (removed id1 W0) reports a previous W0, but id1 held W1 (from event 2)',
      'id1 (W1) is live, but the last event a subscriber saw for it removed it',
    ]);
  });

  it('v836 publishes no events, so the same schedule has nothing for event-order', async () => {
    const violations = await violationsOf('b1events', 'v836');
    expect(violations.some((v) => v.invariant === 'event-order')).toBe(false);
  });
});
