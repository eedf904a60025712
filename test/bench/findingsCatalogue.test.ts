/**
 * The detection benchmark's catalogue (`bench/findings.ts`): every scenario parses and runs on its
 * implementation, every predicate is satisfied by some schedule of it (random seed 1 within a
 * small budget, or the scripted schedule of FINDINGS.md Appendix A where the entry has one), and
 * no predicate is satisfied on the fixed design `actor`.
 */
import { describe, expect, it } from 'vitest';
import { regsimDetection } from '../../bench/detection.bench.ts';
import {
  type CatalogueFinding,
  FINDINGS,
  HARDEST_RACE,
  loadFindingScenario,
  SHALLOW_RACES,
} from '../../bench/findings.ts';
import { instrument } from '../../bench/instrument.ts';
import { runSchedule } from '../../sim/explore/runSchedule.ts';
import { unsupportedOperations } from '../../sim/scenario/operations.ts';
import type { Scenario } from '../../sim/scenario/types.ts';
import { followScript } from '../../sim/schedule/follow.ts';
import { findImplementation } from '../../src/catalog.ts';
import type { Implementation } from '../../src/types.ts';

const SEED = 1;
/** Random schedules tried per finding (seed 1 finds each catalogue entry without a script within 300). */
const BUDGET = 300;
/** Random schedules tried on the actor per finding. */
const ACTOR_BUDGET = 300;

/** The first of `budget` random schedules (seed `SEED`) on which `finding` holds, or undefined. */
function firstRandomHit(finding: CatalogueFinding, scenario: Scenario, impl: Implementation, budget: number) {
  return regsimDetection(scenario, instrument(impl), finding, 'random', 3, SEED, budget);
}

/** Whether `finding` holds on the run of its scripted schedule. */
async function holdsScripted(
  finding: CatalogueFinding,
  scenario: Scenario,
  impl: Implementation,
  schedule: readonly string[],
) {
  const probe = instrument(impl);
  const run = await runSchedule(scenario, probe.impl, followScript(schedule));
  return finding.found(probe.observe({ violations: run.violations, history: run.execution.history }));
}

const actor = findImplementation('actor')!;

describe('the findings catalogue', () => {
  it('has unique ids, and names its hardest and shallow races', () => {
    const ids = FINDINGS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [HARDEST_RACE, ...SHALLOW_RACES]) expect(ids).toContain(id);
  });

  describe.each(FINDINGS.map((f) => [f.id, f] as const))('%s', (_id, finding) => {
    const scenario = loadFindingScenario(finding);
    const impl = findImplementation(finding.impl);

    it('names an implementation that runs its scenario', () => {
      expect(impl).toBeDefined();
      expect(unsupportedOperations(scenario, impl!)).toEqual([]);
      expect(finding.id.startsWith(`${finding.impl}/`)).toBe(true);
    });

    if (finding.schedule !== undefined) {
      const schedule = finding.schedule;
      it('holds on its scripted schedule', async () => {
        expect(await holdsScripted(finding, scenario, impl!, schedule)).toBe(true);
      });
    } else {
      it(`holds on a random schedule of seed ${SEED} within ${BUDGET}`, async () => {
        expect(await firstRandomHit(finding, scenario, impl!, BUDGET)).toBeDefined();
      });
    }

    if (finding.everyDesign === undefined && unsupportedOperations(scenario, actor).length === 0) {
      it('never holds on actor', async () => {
        expect(await firstRandomHit(finding, scenario, actor, ACTOR_BUDGET)).toBeUndefined();
        if (finding.schedule !== undefined)
          expect(await holdsScripted(finding, scenario, actor, finding.schedule)).toBe(false);
      });
    }
  });
});

/**
 * FINDINGS.md: "Races fixed in later versions show no counterexample" — the same predicates on the
 * versions that fixed them (a check that each predicate names its root cause, not the scenario).
 */
describe('the predicates of races fixed later do not hold on the fixing versions', () => {
  it.each([
    ['pre714/P3', 'v756'], // R1-style duplicate (tworeg.json): the per-URL lock serialises registers
    ['pre714/P3', 'v1113'],
    ['pre714/P3', 'head'],
    ['r0/R2', 'v836'], // concurrent replace: the mutation lock
    ['r0/R2', 'v1113'],
    ['r0/R2', 'head'],
    ['v836/C2', 'v1113'], // replace interleaving a register: register_inner under the mutation lock
    ['v836/C2', 'head'],
    ['head/H1', 'v836'], // stale model ring: the rebuild holds the guard before head
    ['head/H1', 'v1113'],
  ])('%s on %s', async (id, fixed) => {
    const finding = FINDINGS.find((f) => f.id === id)!;
    const scenario = loadFindingScenario(finding);
    expect(await firstRandomHit(finding, scenario, findImplementation(fixed)!, BUDGET)).toBeUndefined();
  });
});
