/**
 * The checks of one schedule (`sim/checks/`): how each phase ended, the structural invariants at
 * quiescence, and linearizability, on real runs of the known interleavings.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkExecution } from '../../sim/checks/checkExecution.ts';
import { executeScenario } from '../../sim/scenario/execute.ts';
import { parseScenarioText } from '../../sim/scenario/parse.ts';
import type { Scenario } from '../../sim/scenario/types.ts';
import { followScript } from '../../sim/schedule/follow.ts';
import { findImplementation } from '../../src/catalog.ts';

const known = (name: string): Scenario => {
  const loaded = parseScenarioText(readFileSync(`scenarios/known/${name}.json`, 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.scenario;
};
const scripted = (s: Scenario) => followScript(s.schedule ?? []);
const invariants = (violations: readonly { invariant: string }[]) =>
  [...new Set(violations.map((v) => v.invariant))].sort();

describe('checkExecution', () => {
  it('names what R1 breaks on r0 (URL uniqueness, url_to_id, honest returns) and nothing on actor', async () => {
    const r1 = known('R1');
    for (const [impl, expected] of [
      ['r0', ['linearizable', 'url-map', 'url-unique']],
      ['actor', []],
    ] as const) {
      const implementation = findImplementation(impl)!;
      const execution = await executeScenario(r1, implementation, scripted(r1));
      expect(execution.quiescent).toBe(true);
      expect(invariants(checkExecution(execution, implementation))).toEqual(expected);
    }
  });

  it('reports a run cut by the step limit, and checks no structure of a registry mid-operation', async () => {
    const r1 = known('R1');
    const r0 = findImplementation('r0')!;
    const execution = await executeScenario(r1, r0, scripted(r1), { stepLimit: 3 });
    expect(execution.quiescent).toBe(false);
    const violations = checkExecution(execution, r0);
    expect(violations.find((v) => v.invariant === 'step-limit')?.message).toMatch(
      /^tasks: still running after 3 steps: /,
    );
    expect(violations.some((v) => v.invariant === 'url-unique')).toBe(false);
  });
});
