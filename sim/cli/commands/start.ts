/**
 * `regsim start` (`npm start`): the default job. Replays every known interleaving on every
 * implementation, then runs a short portfolio campaign on each implementation, and prints both
 * as tables of the invariants broken, writes the campaign's HTML report (`report/index.html`, or
 * `--report <dir>`), then verifies every implementation within a small bound (DPOR over every
 * scenario of 2 tasks × 1 write). `--time-budget` sets the campaign's total budget.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { IMPLEMENTATIONS } from '../../../src/catalog.ts';
import { prepareVerify } from '../../api/verify.ts';
import { runCampaign } from '../../explore/campaign.ts';
import { createPoolScanner } from '../../parallel/pool.ts';
import { DEFAULT_BATCH_TIMEOUT_MS, DEFAULT_SCHEDULE_TIMEOUT_MS } from '../../parallel/supervisor.ts';
import { replayScenario } from '../../replay/replayScenario.ts';
import { INVARIANT_IDS } from '../../report/model.ts';
import { checkReportTargets } from '../../report/outputPaths.ts';
import { formatTable } from '../../report/table.ts';
import { type CampaignRun, writeReports } from '../../report/writeReports.ts';
import { listScenarioFiles, SCENARIOS_DIR } from '../../scenario/catalog.ts';
import { unsupportedOperations } from '../../scenario/operations.ts';
import { parseScenarioText } from '../../scenario/parse.ts';
import { verify } from '../../verify/verify.ts';
import { parseArgs } from '../args.ts';
import { parseDuration } from '../duration.ts';
import { parseIntegerFlag } from '../integerFlag.ts';
import type { CommandIo } from '../io.ts';

/** Exploration time; scanning stops then, and shrinking and the report take a few seconds more. */
const DEFAULT_BUDGET = '40s';
const DEFAULT_REPORT_DIR = 'report';
/** The bound `start` verifies every implementation within: seconds, where the default bound takes more. */
const START_VERIFY = { tasks: 2, ops: 1 } as const;
/** Every invariant, in report order, so a new one gets its column. */
const COLUMNS = INVARIANT_IDS;

export async function startCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseArgs(argv, { values: ['time-budget', 'seed', 'report'], booleans: [] });
  if (!parsed.ok || parsed.args.positional.length > 0) {
    io.err(`regsim start: ${parsed.ok ? `unexpected argument ${parsed.args.positional[0]}` : parsed.error}`);
    return 2;
  }
  const budgetText = parsed.args.flags.get('time-budget') ?? DEFAULT_BUDGET;
  const budget = parseDuration(budgetText);
  if (budget === undefined) {
    io.err(`regsim start: --time-budget expects a duration above zero like 40s or 2m, got "${budgetText}"`);
    return 2;
  }
  const seedFlag = parseIntegerFlag('seed', parsed.args.flags.get('seed'), 1, 0);
  if (!seedFlag.ok) {
    io.err(`regsim start: ${seedFlag.error}`);
    return 2;
  }
  const seed = seedFlag.value;
  const reportDir = parsed.args.flags.get('report') ?? DEFAULT_REPORT_DIR;
  const unwritable = checkReportTargets({ reportDir });
  if (unwritable !== undefined) {
    io.err(`regsim start: ${unwritable}`);
    return 2;
  }

  const known = [];
  for (const file of listScenarioFiles().filter((f) => f.startsWith('scenarios/known/'))) {
    const loaded = parseScenarioText(readFileSync(join(SCENARIOS_DIR, '..', file), 'utf8'));
    if (!loaded.ok) {
      io.err(`regsim start: ${file}: ${loaded.error}`);
      return 2;
    }
    const row = [loaded.scenario.name];
    for (const impl of IMPLEMENTATIONS) {
      if (unsupportedOperations(loaded.scenario, impl).length > 0) row.push('n/a');
      else {
        const { violations } = await replayScenario(loaded.scenario, impl);
        row.push(violations.length === 0 ? 'ok' : [...new Set(violations.map((v) => v.invariant))].join(' '));
      }
    }
    known.push(row);
  }
  io.out('Known interleavings (spec §6) replayed on every implementation: invariants broken');
  for (const line of formatTable(['scenario', ...IMPLEMENTATIONS.map((i) => i.name)], known)) io.out(line);

  io.out('');
  io.out(
    `Portfolio campaign (random, PCT d=3, DFS ≤ 2 preemptions), seed ${seed}, ${budgetText} over ${IMPLEMENTATIONS.length} implementations on ${availableParallelism()} thread(s):`,
  );
  const rows: string[][] = [];
  const runs: CampaignRun[] = [];
  // One pool for the whole campaign: its threads start once and scan every implementation.
  const threads = availableParallelism();
  const scanner =
    threads > 1
      ? createPoolScanner({
          threads,
          scheduleTimeoutMs: DEFAULT_SCHEDULE_TIMEOUT_MS,
          batchTimeoutMs: DEFAULT_BATCH_TIMEOUT_MS,
        })
      : undefined;
  for (const impl of IMPLEMENTATIONS) {
    const result = await runCampaign({
      ...(scanner === undefined ? {} : { scanner }),
      impl,
      strategy: { name: 'portfolio', depth: 3 },
      seed,
      maxSchedules: Number.MAX_SAFE_INTEGER,
      timeBudgetMs: budget / IMPLEMENTATIONS.length,
      untilFirst: false,
      kinds: [...impl.operations],
      clock: () => performance.now(),
    });
    runs.push({ result, impl });
    const byInvariant = new Map(result.findings.map((f) => [f.invariant, f]));
    rows.push([
      impl.name,
      String(result.schedules),
      ...COLUMNS.map((id) => {
        const f = byInvariant.get(id);
        return f === undefined ? '·' : `d${f.depth} @${f.firstSchedule}`;
      }),
    ]);
  }
  await scanner?.close();
  for (const line of formatTable(['impl', 'schedules', ...COLUMNS], rows)) io.out(line);
  io.out(
    'A cell "dD @N": minimal counterexample of depth D (preemptions), first hit at schedule N; "·": none found.',
  );
  io.out('Reproduce with: npx regsim fuzz --impl r0 --strategy portfolio --all   (prints replay tokens)');

  io.out('');
  io.out(
    `Bounded verification (DPOR, every interleaving of every scenario of ${START_VERIFY.tasks} tasks × ${START_VERIFY.ops} write in the small universe, up to symmetry):`,
  );
  const verdicts: string[][] = [];
  for (const impl of IMPLEMENTATIONS) {
    const checked = await prepareVerify({ impl: impl.name, ...START_VERIFY });
    if (!checked.ok) throw new Error(checked.error);
    const run = await verify({ ...checked.value, clock: () => performance.now() });
    const counterexample = run.counterexample;
    verdicts.push([
      impl.name,
      String(run.scenarios),
      String(run.traces),
      counterexample !== undefined
        ? `${counterexample.finding.invariant} at scenario #${counterexample.scenario}`
        : run.nondeterminism !== undefined
          ? 'not deterministic'
          : run.incomplete > 0
            ? 'incomplete'
            : 'verified',
    ]);
  }
  for (const line of formatTable(['impl', 'scenarios', 'traces', 'verdict'], verdicts)) io.out(line);
  io.out(
    'Go further with: npx regsim verify --impl actor --tasks 2 --ops 2   (a counterexample prints its replay token)',
  );
  const { html } = await writeReports(runs, {
    reportDir,
    command: ['regsim', 'start', ...argv].join(' '),
    now: new Date(),
  });
  io.out(`Report with a timeline of each counterexample: ${html}`);
  return 0;
}
