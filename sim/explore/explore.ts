/**
 * A fuzzing campaign on one implementation: fast-check generates scenarios, a strategy drives
 * schedules of each, every schedule is checked; a violation is shrunk jointly — the scenario by
 * fast-check (a smaller scenario counts as failing when the same invariant still breaks under
 * the current schedule, followed by task name, or under a few seeded random schedules), then the
 * schedule (fewer preemptions, earlier end). Pure but for the injected clock: no I/O.
 */
import fc from 'fast-check';
import type { InvariantId, Violation } from '../../src/invariants/index.ts';
import type { OperationKind } from '../../src/spec/operations.ts';
import type { Implementation } from '../../src/types.ts';
import { encodeToken, type ScheduleStep } from '../replay/token.ts';
import { renderInterleaving } from '../report/interleavingTable.ts';
import { scenarioArbitrary } from '../scenario/arbitraries/scenario.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Strategy } from '../strategies/types.ts';
import { reproduce } from './reproduce.ts';
import { runSchedule, type ScheduleRun } from './runSchedule.ts';
import { deriveSeed } from './seeds.ts';
import { type Counterexample, shrinkScenario } from './shrinkScenario.ts';
import { shrinkSchedule } from './shrinkSchedule.ts';

export interface ExploreOptions {
  readonly impl: Implementation;
  /** Creates the strategy afresh for this campaign (each implementation gets its own). */
  readonly strategy: () => Strategy;
  readonly seed: number;
  /** Stop after this many schedules. */
  readonly maxSchedules: number;
  /** Stop after this many milliseconds of `clock`. */
  readonly timeBudgetMs: number;
  /** Stop at the first violation (otherwise go on, collecting one counterexample per invariant). */
  readonly untilFirst: boolean;
  /** Operation kinds to generate (the intersection over the implementations compared). */
  readonly kinds: ReadonlySet<OperationKind>;
  /** Explore only this scenario instead of generated ones. */
  readonly scenario?: Scenario;
  /** Milliseconds, for budgets and rates only (never for choices). */
  readonly clock: () => number;
  readonly onProgress?: (progress: ExploreProgress) => void;
}

export interface ExploreProgress {
  readonly schedules: number;
  readonly violations: number;
  readonly elapsedMs: number;
}

/** A minimal counterexample for one invariant. */
export interface Finding {
  readonly impl: string;
  readonly invariant: InvariantId;
  readonly message: string;
  /** Preemptions in the minimal schedule: the bug's depth. */
  readonly depth: number;
  readonly token: string;
  /** 1-based index of the schedule that first hit this invariant. */
  readonly firstSchedule: number;
  readonly scenario: Scenario;
  readonly schedule: readonly ScheduleStep[];
  /** Every violation of the minimal run (other invariants may break alongside). */
  readonly violations: readonly Violation[];
  readonly table: readonly string[];
}

export interface ExploreResult {
  readonly impl: string;
  readonly strategy: string;
  readonly schedules: number;
  readonly scenarios: number;
  readonly elapsedMs: number;
  readonly findings: readonly Finding[];
  /** The strategy's closing status (e.g. DFS's bound). */
  readonly status: string;
  /** Largest task count and step count seen (PCT's n and k). */
  readonly maxTasks: number;
  readonly maxSteps: number;
}

/** Scenarios per fast-check run: one `fc.check` generates this many before the budget is looked at again. */
const CHUNK = 200;
/** Cap on shrink candidates examined, so shrinking a deep bug cannot eat the whole budget. */
const SHRINK_LIMIT = 3000;

export async function explore(options: ExploreOptions): Promise<ExploreResult> {
  const { impl, clock } = options;
  const strategy = options.strategy();
  const started = clock();
  const findings: Finding[] = [];
  const known = new Set<InvariantId>();
  let schedules = 0;
  let scenarios = 0;
  let maxTasks = 0;
  let maxSteps = 0;
  let stop = false;
  const elapsed = () => clock() - started;
  const outOfBudget = () => schedules >= options.maxSchedules || elapsed() >= options.timeBudgetMs;

  /** Explores one scenario; returns the failing run and its target invariant, if any. */
  /**
   * Runs schedules of `scenario` until one breaks an invariant not yet found (returned), the
   * strategy has no more for it, or the budget ends. The strategy's state for the scenario
   * carries over between calls, so a fixed scenario's DFS goes on where it stopped.
   */
  const exploreSchedules = async (
    scenario: Scenario,
  ): Promise<{ run: ScheduleRun; invariant: InvariantId } | undefined> => {
    for (;;) {
      if (outOfBudget()) {
        stop = true;
        return undefined;
      }
      const chooser = strategy.next({
        index: schedules,
        seed: deriveSeed(options.seed, schedules),
        tasks: scenario.tasks.length,
      });
      if (chooser === undefined) return undefined;
      const run = await runSchedule(scenario, impl, chooser);
      const steps = run.execution.phases.tasks?.steps ?? 0;
      strategy.done({ steps });
      schedules++;
      maxTasks = Math.max(maxTasks, scenario.tasks.length);
      maxSteps = Math.max(maxSteps, steps);
      if (schedules % 500 === 0)
        options.onProgress?.({ schedules, violations: findings.length, elapsedMs: elapsed() });
      const fresh = run.violations.find((v) => !known.has(v.invariant));
      if (fresh !== undefined) return { run, invariant: fresh.invariant };
    }
  };

  const record = async (found: Counterexample, invariant: InvariantId, firstSchedule: number) => {
    const { scenario, run } = await shrinkScenario(found, impl, invariant, options.seed);
    const minimal = await shrinkSchedule(scenario, impl, run, invariant);
    const target = minimal.violations.find((v) => v.invariant === invariant)!;
    known.add(invariant);
    findings.push({
      impl: impl.name,
      invariant,
      message: target.message,
      depth: minimal.preemptions,
      token: encodeToken({ impl: impl.name, scenario, schedule: minimal.schedule }),
      firstSchedule,
      scenario,
      schedule: minimal.schedule,
      violations: minimal.violations,
      table: renderInterleaving(
        minimal.execution,
        scenario.tasks.map((t) => t.name),
      ),
    });
    options.onProgress?.({ schedules, violations: findings.length, elapsedMs: elapsed() });
  };

  if (options.scenario !== undefined) {
    // One given scenario: one strategy pass over it, then shrink what it finds.
    scenarios = 1;
    strategy.beginScenario();
    while (!stop) {
      const found = await exploreSchedules(options.scenario);
      if (found === undefined) break;
      await record({ scenario: options.scenario, run: found.run }, found.invariant, schedules);
      if (options.untilFirst) break;
    }
  } else {
    const arbitrary = scenarioArbitrary({ kinds: options.kinds });
    for (let chunk = 0; !stop; chunk++) {
      let failure: { run: ScheduleRun; invariant: InvariantId; firstSchedule: number } | undefined;
      let best: ScheduleRun | undefined;
      let shrinkCandidates = 0;
      const reproduces = async (scenario: Scenario): Promise<boolean> => {
        if (++shrinkCandidates > SHRINK_LIMIT) return false;
        const names = best!.schedule.map((s) => s.task);
        const run = await reproduce(
          scenario,
          impl,
          failure!.invariant,
          names,
          deriveSeed(options.seed, shrinkCandidates),
        );
        if (run !== undefined) best = run;
        return run !== undefined;
      };
      const property = fc.asyncProperty(arbitrary, async (scenario) => {
        if (failure !== undefined) return !(await reproduces(scenario));
        if (stop) return true;
        scenarios++;
        strategy.beginScenario();
        const found = await exploreSchedules(scenario);
        if (found === undefined) return true;
        failure = { ...found, firstSchedule: schedules };
        best = found.run;
        return false;
      });
      const details = await fc.check(property, {
        seed: deriveSeed(options.seed, 1_000_000 + chunk),
        numRuns: CHUNK,
      });
      if (!details.failed) continue;
      const minimal = details.counterexample?.[0];
      if (failure === undefined || best === undefined || minimal === undefined) {
        // The property threw: a bug in regsim or the implementation, not a finding.
        throw details.errorInstance ?? new Error('fast-check stopped without a counterexample');
      }
      await record({ scenario: minimal, run: best }, failure.invariant, failure.firstSchedule);
      if (options.untilFirst) break;
    }
  }
  return {
    impl: impl.name,
    strategy: strategy.name,
    schedules,
    scenarios,
    elapsedMs: elapsed(),
    findings,
    status: strategy.describe(),
    maxTasks,
    maxSteps,
  };
}
