/**
 * A `ChunkScanner` backed by a {@link Supervisor}: `runCampaign` keeps `threads` batches in
 * flight and shrinks on the main thread, so the pool only scans. A batch whose schedule hangs
 * rejects with a `ScheduleHangError` (the campaign turns it into a finding); `cancel()` aborts
 * the running batches once `--until-first` has its failure.
 */
import { type ChunkScanner, SCAN_CANCELLED } from '../explore/campaign.ts';
import type { ChunkScan } from '../explore/chunk.ts';
import { createSupervisor, type SupervisorOptions } from './supervisor.ts';

/** A pool-backed scanner; `close()` ends its threads. */
export interface PoolScanner extends ChunkScanner {
  close(): Promise<void>;
}

/** Starts a pool of `threads` supervised workers that scan campaign chunks. */
export function createPoolScanner(options: SupervisorOptions): PoolScanner {
  const supervisor = createSupervisor(options);
  const running = new Set<AbortController>();
  return {
    concurrency: options.threads,
    scan: async (task) => {
      const controller = new AbortController();
      running.add(controller);
      try {
        return (await supervisor.run({ kind: 'scan', task }, controller.signal)) as ChunkScan;
      } finally {
        running.delete(controller);
      }
    },
    cancel() {
      for (const controller of running) controller.abort(new Error(SCAN_CANCELLED));
    },
    close: () => supervisor.close(),
  };
}
