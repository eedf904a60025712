/**
 * A fuzz run over resolved implementations: one campaign per implementation with the same seeds
 * (generated scenarios scanned in chunks, on a pool of worker threads when more than one helps or
 * when the implementation is a plugin, which may hang), or one given scenario explored. What
 * `regsim fuzz` and the programmatic API share; it prints nothing and never exits.
 */
import { availableParallelism } from 'node:os';
import type { Implementation } from '../../src/types.ts';
import {
  type CampaignProgress,
  type CampaignResult,
  DEFAULT_CHUNK_SCHEDULES,
  runCampaign,
} from '../explore/campaign.ts';
import { exploreScenario } from '../explore/exploreScenario.ts';
import { buildFuzzResult } from '../outcome/build.ts';
import type { FuzzResult } from '../outcome/types.ts';
import { exploreSupervised } from '../parallel/exploreSupervised.ts';
import { createPoolScanner } from '../parallel/pool.ts';
import { DEFAULT_BATCH_TIMEOUT_MS } from '../parallel/supervisor.ts';
import { chooseThreadCount } from '../parallel/threadCount.ts';
import { isPluginPath } from '../plugins/resolveImplementation.ts';
import type { Scenario } from '../scenario/types.ts';
import type { StrategySpec } from '../strategies/parse.ts';

/** Watches one implementation's campaign (a progress bar). */
export interface CampaignWatcher {
  update(progress: CampaignProgress): void;
  stop(): void;
}

/** A fuzz run, with every value already checked. */
export interface FuzzRunOptions {
  readonly impls: readonly Implementation[];
  readonly strategy: StrategySpec;
  readonly seed: number;
  /** Schedules per implementation. */
  readonly schedules: number;
  /** Split evenly between the implementations. */
  readonly timeBudgetMs: number;
  /** A schedule still running after this long is a hang (a `hang` finding). */
  readonly scheduleTimeoutMs: number;
  readonly untilFirst: boolean;
  /** Explore this scenario instead of generated ones. */
  readonly scenario?: Scenario | undefined;
  /** 0-based slice of the chunks (generated scenarios only). */
  readonly shard?: { readonly index: number; readonly count: number } | undefined;
  /** Worker threads asked for (`--threads`); undefined for the default policy (`parallel/threadCount.ts`). */
  readonly threads: number | undefined;
  /** Milliseconds, for budgets and rates only. */
  readonly clock: () => number;
  readonly watch?: (impl: Implementation, budgetMs: number) => CampaignWatcher | undefined;
  /** Told, before anything runs, what looks like a mistake (more threads than cores asked for). */
  readonly warn?: (message: string) => void;
}

/** The result as JSON, and the campaigns behind it (their findings carry their runs). */
export interface FuzzRun {
  readonly result: FuzzResult;
  readonly campaigns: readonly CampaignResult[];
}

export async function runFuzz(options: FuzzRunOptions): Promise<FuzzRun> {
  const { impls, strategy, seed, scenario, shard, clock } = options;
  // Differential mode generates only what every implementation compared supports.
  const kinds = [...impls[0]!.operations].filter((k) => impls.every((i) => i.operations.has(k)));
  const chunkCount = Math.ceil(Math.ceil(options.schedules / DEFAULT_CHUNK_SCHEDULES) / (shard?.count ?? 1));
  const { threads, warning } = chooseThreadCount({
    requested: options.threads,
    chunks: chunkCount,
    cores: availableParallelism(),
    fixedScenario: scenario !== undefined,
  });
  if (warning !== undefined) options.warn?.(warning);
  const timeBudgetMs = options.timeBudgetMs / impls.length;
  const supervision = {
    threads,
    // A schedule may not outlast the run's whole budget either.
    scheduleTimeoutMs: Math.max(1, Math.min(options.scheduleTimeoutMs, timeBudgetMs)),
    batchTimeoutMs: DEFAULT_BATCH_TIMEOUT_MS,
  };
  // A plugin may hang, and only another thread can stop it: its schedules always run on a
  // supervised worker. The built-in implementations cannot (they are this project's tested
  // ports), so with one thread they are scanned here, which is faster (see docs/PERFORMANCE.md).
  const offThread = impls.some((impl) => isPluginPath(impl.name));
  // One pool serves every implementation's campaign: its start-up is paid once.
  const scanner =
    scenario === undefined && (threads > 1 || offThread) ? createPoolScanner(supervision) : undefined;
  const campaigns: CampaignResult[] = [];
  try {
    for (const impl of impls) {
      const common = {
        impl,
        strategy,
        seed,
        maxSchedules: options.schedules,
        timeBudgetMs,
        untilFirst: options.untilFirst,
        clock,
      };
      if (scenario !== undefined) {
        const explore = { ...common, scenario };
        campaigns.push(
          isPluginPath(impl.name)
            ? await exploreSupervised(explore, supervision)
            : await exploreScenario(explore),
        );
        continue;
      }
      const watcher = options.watch?.(impl, common.timeBudgetMs);
      campaigns.push(
        await runCampaign({
          ...common,
          kinds,
          ...(shard === undefined ? {} : { shard }),
          ...(scanner === undefined ? {} : { scanner }),
          ...(watcher === undefined ? {} : { onProgress: (p: CampaignProgress) => watcher.update(p) }),
        }),
      );
      watcher?.stop();
    }
  } finally {
    await scanner?.close();
  }
  const info = {
    impls: impls.map((i) => i.name),
    strategy,
    seed,
    schedules: options.schedules,
    threads,
    shard,
  };
  return { result: buildFuzzResult(campaigns, info), campaigns };
}
