/**
 * The heartbeat of a supervised worker: a few integers in a SharedArrayBuffer that the worker
 * writes as its schedules run and the supervising thread reads, without a message, even while
 * the worker spins (a message would wait for the worker's event loop, which a spin never frees).
 */
import type { ScheduleWatch } from '../explore/watch.ts';
import type { RunStage } from '../scenario/execute.ts';
import type { Chooser } from '../scheduler/types.ts';

/** Slots of the buffer. */
const RUNS = 0; // schedules started: changes with every schedule, whatever its index
const SCHEDULE = 1; // 1-based index of the running schedule
const STAGE = 2; // index in STAGES
const STEPS = 3; // steps the concurrent phase has taken
const TASK = 4; // task index of the last of those steps
const SLOTS = 5;

const STAGES: readonly RunStage[] = ['create', 'setup', 'tasks', 'post', 'inspect'];

/** What the worker last wrote. */
export interface Beat {
  readonly runs: number;
  readonly schedule: number;
  readonly stage: RunStage;
  readonly steps: number;
  readonly task: number;
}

export function createHeartbeat(): SharedArrayBuffer {
  return new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
}

export function readHeartbeat(buffer: SharedArrayBuffer): Beat {
  const view = new Int32Array(buffer);
  return {
    runs: Atomics.load(view, RUNS),
    schedule: Atomics.load(view, SCHEDULE),
    stage: STAGES[Atomics.load(view, STAGE)] ?? 'create',
    steps: Atomics.load(view, STEPS),
    task: Atomics.load(view, TASK),
  };
}

/** The watch a worker runs its schedules under: it writes each schedule, phase and step. */
export function heartbeatWatch(buffer: SharedArrayBuffer): ScheduleWatch {
  const view = new Int32Array(buffer);
  const onStage = (stage: RunStage) => Atomics.store(view, STAGE, STAGES.indexOf(stage));
  return {
    begin(index, inner) {
      Atomics.store(view, SCHEDULE, index + 1);
      Atomics.store(view, STAGE, 0);
      Atomics.store(view, STEPS, 0);
      Atomics.add(view, RUNS, 1);
      const chooser: Chooser = {
        choose(candidates, context) {
          const choice = inner.choose(candidates, context);
          Atomics.store(view, STEPS, context.step + 1);
          Atomics.store(view, TASK, candidates[choice]?.task ?? -1);
          return choice;
        },
      };
      return { chooser, options: { onStage } };
    },
  };
}
