/**
 * A counterexample's concurrent phase as an inline SVG timeline, in the spirit of Porcupine's
 * visualisation: one lane per task, each operation a bar from its call to its return labelled
 * with the call and its result, and each scheduler step a mark in the lane of the task that
 * took it (preemptions highlighted). The x axis counts steps, numbered like the rows of the
 * interleaving table, so the picture and the table line up.
 */
import { describeOperation, describeResult } from '../../src/spec/operations.ts';
import type { RacingPair } from '../explore/racingPairs.ts';
import type { Execution } from '../scenario/execute.ts';
import { escapeHtml } from './escape.ts';

// Geometry in CSS pixels. Labels use an 11px monospace font (see the page's style sheet), whose
// advance is about 6.7px, so the widths below can be computed from character counts.
const CHAR_WIDTH = 6.7;
const AXIS_HEIGHT = 24;
const LANE_HEIGHT = 64;
const BAR_TOP = 6;
const BAR_HEIGHT = 34;
const MARK_Y = 52;
const MARK_RADIUS = 5;
const MIN_STEP_WIDTH = 34;
const MAX_STEP_WIDTH = 110;
const END_WIDTH = 200;

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
const px = (value: number): string => String(Math.round(value * 10) / 10);

interface Bar {
  readonly lane: number;
  readonly from: number;
  readonly to: number;
  readonly pending: boolean;
  readonly call: string;
  readonly result: string;
  readonly title: string;
}

/**
 * The SVG markup of the tasks phase of `execution`. `taskNames` are the scenario's tasks in
 * order (trace events and history records refer to them by index); `invariant` is the violated
 * invariant, marked where the run ends and the checks run.
 */
export function renderTimeline(
  execution: Execution,
  taskNames: readonly string[],
  invariant: string,
  race: readonly RacingPair[] = [],
): string {
  const racing = new Map<number, number[]>();
  for (const { first, second } of race) {
    racing.set(first.step, [...(racing.get(first.step) ?? []), second.step]);
    racing.set(second.step, [...(racing.get(second.step) ?? []), first.step]);
  }
  const trace = execution.phases.tasks?.trace ?? [];
  const steps = trace.length;
  const bars: Bar[] = execution.history
    .filter((r) => r.phase === 'tasks')
    .map((r) => {
      const call = describeOperation(r.op);
      const pending = r.ret === undefined || r.retStep === undefined;
      const result = pending ? '… pending' : `⇒ ${describeResult(r.result ?? null)}`;
      const returned = pending ? 'never returned' : `returned at time ${r.ret} after step ${r.retStep}`;
      return {
        lane: r.taskIndex,
        from: r.callStep,
        to: r.retStep ?? steps,
        pending,
        call,
        result,
        title: `${r.task}: ${call} ${result}\ncalled at time ${r.call} after step ${r.callStep}, ${returned}`,
      };
    });

  // Wide enough steps that most labels fit in their bar; longer ones are clipped (full text in
  // the tooltip) rather than making a long trace unreadably wide.
  const stepWidth = clamp(
    Math.max(
      0,
      ...bars.map(
        (b) => (Math.max(b.call.length, b.result.length) * CHAR_WIDTH + 12) / Math.max(1, b.to - b.from),
      ),
    ),
    MIN_STEP_WIDTH,
    MAX_STEP_WIDTH,
  );
  const gutter = clamp(Math.max(0, ...taskNames.map((n) => n.length)) * 7.5 + 24, 64, 220);
  const x = (step: number): number => gutter + step * stepWidth;
  const width = x(steps) + END_WIDTH;
  const height = AXIS_HEIGHT + taskNames.length * LANE_HEIGHT;

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="${px(width)}" height="${px(height)}" viewBox="0 0 ${px(width)} ${px(height)}" role="img" aria-label="${escapeHtml(`timeline of ${taskNames.length} tasks over ${steps} steps`)}">`,
  );
  parts.push(`<text class="axis-title" x="8" y="16">step</text>`);
  for (let s = 0; s <= steps; s++) {
    parts.push(
      `<line class="grid" x1="${px(x(s))}" y1="${AXIS_HEIGHT - 4}" x2="${px(x(s))}" y2="${px(height)}"/>`,
    );
    // Every step number when they fit, else every fifth.
    if (s < steps && (stepWidth >= 20 || (s + 1) % 5 === 0)) {
      parts.push(`<text class="tick" x="${px(x(s) + stepWidth / 2)}" y="16">${s + 1}</text>`);
    }
  }

  taskNames.forEach((name, lane) => {
    const top = AXIS_HEIGHT + lane * LANE_HEIGHT;
    parts.push(`<g class="lane" data-lane="${escapeHtml(name)}" transform="translate(0 ${top})">`);
    parts.push(`<rect class="lane-bg" x="0" y="0" width="${px(width)}" height="${LANE_HEIGHT}"/>`);
    parts.push(`<text class="lane-name" x="10" y="${LANE_HEIGHT / 2 + 4}">${escapeHtml(name)}</text>`);
    const laneSteps = trace.flatMap((event, s) => (event.task === lane ? [{ event, s }] : []));
    // Preempting steps shade their whole column of the lane, under the bars.
    for (const { s } of laneSteps.filter(({ event }) => event.preemption)) {
      parts.push(
        `<rect class="preemption-column" x="${px(x(s))}" y="0" width="${px(stepWidth)}" height="${LANE_HEIGHT}"/>`,
      );
    }
    for (const bar of bars.filter((b) => b.lane === lane)) {
      // An operation that returned without a step of its own still gets a visible sliver.
      const w = Math.max(x(bar.to) - x(bar.from), 8);
      parts.push(
        `<g class="op${bar.pending ? ' pending' : ''}"><title>${escapeHtml(bar.title)}</title>`,
        `<svg x="${px(x(bar.from))}" y="${BAR_TOP}" width="${px(w)}" height="${BAR_HEIGHT}">`,
        `<rect class="op-box" x="0.5" y="0.5" width="${px(w - 1)}" height="${BAR_HEIGHT - 1}" rx="3"/>`,
        `<text class="op-call" x="5" y="14">${escapeHtml(bar.call)}</text>`,
        `<text class="op-result" x="5" y="28">${escapeHtml(bar.result)}</text>`,
        '</svg></g>',
      );
    }
    for (const { event, s } of laneSteps) {
      const cx = x(s) + stepWidth / 2;
      const previous = taskNames[trace[s - 1]?.task ?? -1] ?? 'the previous task';
      const title = [
        `step ${s + 1}, ${name}: ${event.label}${event.note === undefined ? '' : ` ${event.note}`}`,
        ...(event.preemption ? [`preemption: ${name} ran while ${previous} could have gone on`] : []),
        ...(racing.get(s + 1) ?? []).map(
          (other) => `races with step ${other}: flipping the two removes the violation`,
        ),
      ].join('\n');
      const shape = event.preemption
        ? `<path d="M ${px(cx)} ${MARK_Y - 7} l 7 7 l -7 7 l -7 -7 z"/>`
        : `<circle cx="${px(cx)}" cy="${MARK_Y}" r="${MARK_RADIUS}"/>`;
      parts.push(
        `<g class="step${event.preemption ? ' preemption' : ''}" data-step="${s + 1}"${racing.has(s + 1) ? ' data-racing="true"' : ''}><title>${escapeHtml(title)}</title>${shape}</g>`,
      );
    }
    parts.push('</g>');
  });

  // Each racing pair joined across the lanes, from the step that ran first to the one after it.
  const markAt = (step: number) => {
    const event = trace[step - 1]!;
    return { cx: x(step - 1) + stepWidth / 2, cy: AXIS_HEIGHT + event.task * LANE_HEIGHT + MARK_Y };
  };
  for (const { first, second } of race) {
    const [a, b] = [markAt(first.step), markAt(second.step)];
    parts.push(
      `<line class="race" data-race="${first.step}-${second.step}" x1="${px(a.cx)}" y1="${px(a.cy)}" x2="${px(b.cx)}" y2="${px(b.cy)}"/>`,
    );
  }
  parts.push(
    `<g class="end"><title>${escapeHtml(`the checks run when the run ends: ${invariant} is violated`)}</title>`,
    `<line x1="${px(x(steps))}" y1="${AXIS_HEIGHT - 4}" x2="${px(x(steps))}" y2="${px(height)}"/>`,
    `<text x="${px(x(steps) + 6)}" y="16">✗ ${escapeHtml(invariant)}</text></g>`,
  );
  parts.push('</svg>');
  return parts.join('');
}
