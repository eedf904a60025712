/**
 * The piscina worker of a supervised run: scans one campaign chunk (a batch), or explores one
 * given scenario, or replays one token, on this thread, writing its heartbeat as it goes. The
 * outcome is returned as a value, never thrown, because an error crossing the thread boundary
 * loses its class and fields; only a worker that dies, hangs or is stopped makes the job fail.
 */
import type { ChunkScan, ChunkTask } from '../explore/chunk.ts';
import { scanChunk } from '../explore/chunk.ts';
import { runExplorationSchedules, type ScenarioExploreOptions } from '../explore/exploreScenario.ts';
import { resolveImplementation } from '../plugins/resolveImplementation.ts';
import { replayScenario, replayToken } from '../replay/replayScenario.ts';
import type { ReplayToken } from '../replay/token.ts';
import type { Scenario } from '../scenario/types.ts';
import { heartbeatWatch } from './heartbeat.ts';

/** A job for a worker, as plain data; `heartbeat` is the buffer its supervisor reads. */
export type Job =
  | { readonly kind: 'scan'; readonly task: ChunkTask; readonly heartbeat: SharedArrayBuffer }
  | {
      readonly kind: 'explore';
      readonly options: Omit<ScenarioExploreOptions, 'impl' | 'clock'> & { readonly impl: string };
      readonly heartbeat: SharedArrayBuffer;
    }
  | {
      readonly kind: 'replay';
      readonly impl: string;
      /** A token's schedule, or else the scenario's scripted one. */
      readonly token: ReplayToken | undefined;
      readonly scenario: Scenario;
      readonly heartbeat: SharedArrayBuffer;
    };

/** What each kind of job hands back: a scan, or how many schedules ran to their end. */
export type JobValue = ChunkScan | { readonly schedules: number };

/** What a job hands back to the pool. */
export type BatchResult =
  | { readonly ok: true; readonly value: JobValue }
  | { readonly ok: false; readonly error: string };

/** Honours `ChunkTask.fault`, the test-only hook that makes a batch crash or hang. */
function injectFault(task: ChunkTask): void {
  if (task.fault === 'throw') throw new Error(`injected fault: chunk ${task.chunk} throws`);
  if (task.fault === 'hang') {
    // Blocks this thread the way an endless loop would (the event loop never turns again, so
    // only terminating the worker ends it) without burning the core the other batches need.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  }
}

async function runJob(job: Job): Promise<BatchResult> {
  const watch = heartbeatWatch(job.heartbeat);
  if (job.kind === 'scan') injectFault(job.task);
  const name = job.kind === 'scan' ? job.task.impl : job.kind === 'explore' ? job.options.impl : job.impl;
  // Plugin module paths resolve here too (same process, same working directory).
  const resolved = await resolveImplementation(name);
  if (!resolved.ok) return { ok: false, error: resolved.error };
  const impl = resolved.impl;
  if (job.kind === 'scan') return { ok: true, value: await scanChunk(job.task, impl, watch) };
  if (job.kind === 'explore') {
    const clock = () => performance.now();
    return {
      ok: true,
      value: { schedules: await runExplorationSchedules({ ...job.options, impl, clock }, watch) },
    };
  }
  await (job.token === undefined
    ? replayScenario(job.scenario, impl, watch)
    : replayToken(job.token, impl, watch));
  return { ok: true, value: { schedules: 1 } };
}

export default async function run(job: Job): Promise<BatchResult> {
  try {
    return await runJob(job);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
