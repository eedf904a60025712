/**
 * The piscina worker of a parallel campaign: scans one chunk (a batch) on this thread. The
 * outcome is returned as a value, never thrown, because an error crossing the thread boundary
 * loses its class and fields; only a worker that dies or hangs makes the task itself fail.
 */
import type { ChunkScan, ChunkTask } from '../explore/chunk.ts';
import { scanChunk } from '../explore/chunk.ts';
import { resolveImplementation } from '../plugins/resolveImplementation.ts';

/** What a batch hands back to the pool. */
export type BatchResult =
  | { readonly ok: true; readonly scan: ChunkScan }
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

/**
 * Scans `task` with the implementation it names. Plugin module paths resolve here too (same
 * process, same working directory), so a plugin campaign runs on threads like a built-in one.
 */
export default async function runBatch(task: ChunkTask): Promise<BatchResult> {
  try {
    injectFault(task);
    const resolved = await resolveImplementation(task.impl);
    if (!resolved.ok) return { ok: false, error: resolved.error };
    return { ok: true, scan: await scanChunk(task, resolved.impl) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
