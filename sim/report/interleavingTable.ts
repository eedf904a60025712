/**
 * Renders an execution as an interleaving table in the style of Lincheck: one column per task,
 * one row per step, with each operation's call and result placed where they happened.
 */
import { describeOperation, describeResult } from '../../src/spec/operations.ts';
import type { Finding } from '../explore/finding.ts';
import type { Execution, OperationRecord } from '../scenario/execute.ts';
import { formatTable } from './table.ts';

interface Marker {
  readonly at: number;
  readonly time: number;
  readonly task: number;
  readonly text: string;
}

/** The table as lines of text (Markdown-compatible). */
export function renderInterleaving(execution: Execution, taskNames: readonly string[]): string[] {
  const trace = execution.phases.tasks?.trace ?? [];
  const records = execution.history.filter((r) => r.phase === 'tasks');
  const markers: Marker[] = [];
  for (const r of records) {
    markers.push({ at: r.callStep, time: r.call, task: r.taskIndex, text: describeOperation(r.op) });
    if (r.ret !== undefined && r.retStep !== undefined) {
      markers.push({
        at: r.retStep,
        time: r.ret,
        task: r.taskIndex,
        text: `⇒ ${describeResult(r.result ?? null)}`,
      });
    }
  }
  markers.sort((a, b) => a.at - b.at || a.time - b.time);

  const rows: string[][] = [];
  let pending: string[] | undefined;
  const flush = () => {
    if (pending !== undefined) rows.push(['', ...pending]);
    pending = undefined;
  };
  let m = 0;
  for (let step = 0; step <= trace.length; step++) {
    while (m < markers.length && markers[m]!.at === step) {
      const marker = markers[m++]!;
      if (pending?.[marker.task]) flush();
      pending ??= taskNames.map(() => '');
      pending[marker.task] = marker.text;
    }
    flush();
    const event = trace[step];
    if (event === undefined) break;
    const cells = taskNames.map(() => '');
    cells[event.task] = event.note === undefined ? event.label : `${event.label} ${event.note}`;
    rows.push([String(step + 1), ...cells]);
  }
  return formatTable(['#', ...taskNames], rows);
}

/** One line per sequential operation, e.g. `register(W0) ⇒ id1`. */
export function renderSequential(records: readonly OperationRecord[]): string[] {
  return records.map(
    (r) =>
      `${describeOperation(r.op)} ⇒ ${r.ret === undefined ? '(pending)' : describeResult(r.result ?? null)}`,
  );
}

/** A finding's minimal counterexample as an interleaving table. */
export function renderFindingTable(finding: Finding): string[] {
  return renderInterleaving(
    finding.execution,
    finding.scenario.tasks.map((t) => t.name),
  );
}
