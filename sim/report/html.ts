/**
 * The campaign report as one self-contained HTML page: inline CSS and inline SVG, no script and
 * nothing fetched, so it can be archived as a CI artifact and opened from disk. It shows a
 * summary table (implementation × invariant), then per finding its minimal counterexample as a
 * timeline, the registry's indexes before and after the concurrent tasks, and the replay command.
 */
import type { CampaignResult } from '../explore/campaign.ts';
import { escapeHtml as e } from './escape.ts';
import { diffIndexes, type IndexesView } from './indexes.ts';
import { renderFindingTable, renderSequential } from './interleavingTable.ts';
import { type CampaignReport, type FindingReport, INVARIANT_IDS, replayCommand } from './model.ts';
import { renderTimeline } from './timeline.ts';

/** Everything the page shows; plain data, so rendering is a pure function of it. */
export interface HtmlReportInput {
  readonly title: string;
  /** When the campaigns ran (ISO 8601), passed in so that rendering stays pure. */
  readonly generatedAt: string;
  /** The command line that produced the report. */
  readonly command: string;
  readonly campaigns: readonly CampaignReport[];
}

const STYLE = `
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bad: #c62828; --ok: #2e7d32; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-top: 12px; border-top: 2px solid var(--line); }
section.finding { border-left: 4px solid #f3b4b4; padding-left: 16px; margin-top: 24px; }
section.finding h2 { border-top: none; margin-top: 0; }
h3 { font-size: 15px; margin: 20px 0 6px; }
.meta, .note, figcaption { color: var(--muted); }
code, pre, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
pre { background: #f5f7fa; border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px; overflow-x: auto; margin: 4px 0; }
pre.replay { white-space: pre-wrap; word-break: break-all; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
thead th { background: #f0f4f8; font-weight: 600; }
div.scroll { overflow-x: auto; }
table.summary td.cell { white-space: nowrap; text-align: center; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
td.violated { background: #fdecea; color: var(--bad); font-weight: 600; }
td.violated a { color: inherit; }
td.none { color: var(--muted); }
td.num { text-align: right; }
.message { font-size: 15px; color: var(--bad); margin: 4px 0 8px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.warning { background: #fff8e1; border: 1px solid #f0c36d; padding: 6px 10px; border-radius: 4px; }
figure { margin: 8px 0; overflow-x: auto; border: 1px solid var(--line); border-radius: 4px; padding: 6px; }
svg.timeline text { font: 11px ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; fill: var(--ink); }
svg.timeline .tick, svg.timeline .axis-title { fill: var(--muted); text-anchor: middle; }
svg.timeline .axis-title { text-anchor: start; }
svg.timeline .grid { stroke: #eef2f6; }
svg.timeline .lane-bg { fill: #fbfcfd; stroke: var(--line); }
svg.timeline .lane:nth-of-type(even) .lane-bg { fill: #f4f7fa; }
svg.timeline .lane-name { font-weight: 700; font-size: 12px; }
svg.timeline .op-box { fill: #dbeafe; stroke: #2563eb; }
svg.timeline .pending .op-box { fill: #fef3c7; stroke: #d97706; stroke-dasharray: 4 3; }
svg.timeline .op-result { fill: #1e40af; }
svg.timeline .step circle { fill: #52606d; }
svg.timeline .step.preemption path { fill: var(--bad); }
svg.timeline .preemption-column { fill: rgba(198, 40, 40, 0.10); }
svg.timeline .step[data-racing] circle, svg.timeline .step[data-racing] path { stroke: var(--bad); stroke-width: 3; }
svg.timeline line.race { stroke: var(--bad); stroke-width: 2; stroke-dasharray: 4 3; }
svg.timeline .end line { stroke: var(--bad); stroke-width: 2; stroke-dasharray: 5 3; }
svg.timeline .end text { fill: var(--bad); font-weight: 700; }
.legend span { margin-right: 16px; white-space: nowrap; }
.swatch { display: inline-block; width: 14px; height: 10px; vertical-align: middle; margin-right: 4px; border: 1px solid; }
table.indexes td.before, table.indexes td.after { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
table.indexes th.index { background: #f0f4f8; }
tr.added td.after { background: #e6f4ea; }
tr.removed td.before { background: #fdecea; text-decoration: line-through; }
tr.changed td.after { background: #fff4ce; }
td.absent { color: var(--muted); }
ul.violations li.target { font-weight: 600; color: var(--bad); }
`;

// One finding per invariant and campaign, so the pair names it.
const anchor = (campaign: number, invariant: string): string => `finding-${campaign}-${invariant}`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Renders the whole report page. */
export function renderHtmlReport(input: HtmlReportInput): string {
  // In order of detection, ties by invariant: the same page whatever order threads finished in.
  const findings = input.campaigns.flatMap((c, ci) =>
    [...c.findings]
      .sort(
        (a, b) =>
          a.finding.firstSchedule - b.finding.firstSchedule ||
          a.finding.invariant.localeCompare(b.finding.invariant),
      )
      .map((f) => renderFinding(f, ci)),
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(input.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    `<header><h1>${e(input.title)}</h1>`,
    `<p class="meta">Generated ${e(input.generatedAt)} by <code>${e(input.command)}</code></p></header>`,
    renderSummary(input.campaigns),
    renderCampaigns(input.campaigns.map((c) => c.result)),
    findings.length === 0
      ? '<h2>Counterexamples</h2><p>No invariant was violated.</p>'
      : `<h2>Counterexamples</h2>${findings.join('\n')}`,
    '</body></html>',
    '',
  ].join('\n');
}

/** Implementation × invariant: which broke, at which depth, first hit after how many schedules. */
function renderSummary(campaigns: readonly CampaignReport[]): string {
  const head = [
    '<th>implementation</th><th>schedules</th><th>violations</th>',
    ...INVARIANT_IDS.map((id) => `<th>${e(id)}</th>`),
  ].join('');
  const rows = campaigns.map((c, ci) => {
    const { result } = c;
    const cells = INVARIANT_IDS.map((id) => {
      const finding = result.findings.find((f) => f.invariant === id);
      const attrs = `data-invariant="${e(id)}"`;
      if (finding !== undefined) {
        return `<td class="cell violated" ${attrs} data-status="violated" title="${e(finding.message)}"><a href="#${e(anchor(ci, id))}">d${finding.depth} @${finding.firstSchedule}</a></td>`;
      }
      // With --until-first only the first failure is shrunk; the others are still violations.
      const failure = result.failures.find((f) => f.invariant === id);
      if (failure !== undefined) {
        return `<td class="cell violated" ${attrs} data-status="violated" title="${e(`${failure.message} (not shrunk)`)}">@${failure.schedule}</td>`;
      }
      return `<td class="cell none" ${attrs} data-status="none">·</td>`;
    });
    return `<tr data-impl="${e(result.impl)}"><th>${e(result.impl)}</th><td class="num">${result.schedules}</td><td class="num">${violatedInvariants(result).size}</td>${cells.join('')}</tr>`;
  });
  return [
    '<section><h2>Summary</h2>',
    `<div class="scroll"><table class="summary" id="summary"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
    '<p class="note">A cell <span class="mono">dD @N</span>: a minimal counterexample of depth D (preemptions), first hit at schedule N (click for its timeline); <span class="mono">@N</span>: hit at schedule N but not shrunk (the campaign stopped at its first finding); <span class="mono">·</span>: not violated in the schedules explored.</p>',
    '</section>',
  ].join('\n');
}

/** The invariants a campaign found broken, shrunk or not. */
function violatedInvariants(result: CampaignResult): Set<string> {
  return new Set([...result.findings.map((f) => f.invariant), ...result.failures.map((f) => f.invariant)]);
}

function renderCampaigns(results: readonly CampaignResult[]): string {
  const rows = results.map((r) => {
    const rate = Math.round((r.schedules / Math.max(r.elapsedMs, 1)) * 1000);
    return `<tr><th>${e(r.impl)}</th><td>${e(r.strategy)}</td><td class="num">${r.schedules}</td><td class="num">${r.scenarios}</td><td class="num">${seconds(r.elapsedMs)}</td><td class="num">${rate}/s</td><td>${e(r.status)}</td></tr>`;
  });
  const errors = results.flatMap((r) =>
    r.errors.map(
      (x) =>
        `<li>${e(r.impl)}: chunk ${x.chunk} (schedules ${x.firstSchedule}–${x.lastSchedule}): ${e(x.error)}</li>`,
    ),
  );
  return [
    '<section><h2>Campaigns</h2>',
    '<table class="campaigns"><thead><tr><th>implementation</th><th>strategy</th><th>schedules</th><th>scenarios</th><th>time</th><th>rate</th><th>status</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table>`,
    errors.length === 0
      ? ''
      : `<div class="warning"><p>Chunks that did not complete (their schedules were not explored):</p><ul>${errors.join('')}</ul></div>`,
    '</section>',
  ].join('\n');
}

function renderFinding(report: FindingReport, campaign: number): string {
  const { finding, execution } = report;
  const taskNames = finding.scenario.tasks.map((t) => t.name);
  const operations = finding.scenario.tasks.reduce((n, t) => n + t.ops.length, 0);
  const alsoBroken = [...new Set(finding.violations.map((v) => v.invariant))].filter(
    (id) => id !== finding.invariant,
  );
  const setup = execution.history.filter((r) => r.phase === 'setup');
  const post = execution.history.filter((r) => r.phase === 'post');
  const unfinished = Object.entries(execution.phases).filter(([, outcome]) => outcome.status !== 'done');
  return [
    `<section class="finding" id="${e(anchor(campaign, finding.invariant))}" data-impl="${e(finding.impl)}" data-invariant="${e(finding.invariant)}">`,
    `<h2>${e(finding.invariant)} on ${e(finding.impl)}</h2>`,
    `<p class="message">${e(finding.message)}</p>`,
    '<dl class="facts">',
    `<dt>scenario</dt><dd>${e(finding.scenario.name)}: ${taskNames.length} tasks, ${operations} operations</dd>`,
    `<dt>depth</dt><dd>${finding.depth} preemption${finding.depth === 1 ? '' : 's'}</dd>`,
    `<dt>first detected</dt><dd>at schedule ${finding.firstSchedule}</dd>`,
    `<dt>also broken</dt><dd>${alsoBroken.length === 0 ? 'nothing else' : e(alsoBroken.join(', '))}</dd>`,
    '</dl>',
    '<h3>Replay</h3>',
    `<pre class="replay"><code>${e(replayCommand(finding.token))}</code></pre>`,
    '<h3>Timeline of the minimal counterexample</h3>',
    setup.length === 0
      ? '<p class="note">No setup: the tasks start from an empty registry.</p>'
      : `<p class="note">Setup, run alone before the tasks:</p><pre>${e(renderSequential(setup).join('\n'))}</pre>`,
    `<figure>${renderTimeline(execution, taskNames, finding.invariant, finding.race)}`,
    '<figcaption class="legend">',
    '<span><span class="swatch" style="background:#dbeafe;border-color:#2563eb"></span>operation, from call to return</span>',
    '<span><span class="swatch" style="background:#fef3c7;border-color:#d97706"></span>pending (never returned)</span>',
    '<span>● step (hover for its label and what it saw)</span>',
    '<span style="color:#c62828">◆ preemption</span>',
    '<span style="color:#c62828">┆ end of the run: the checks fail</span>',
    '</figcaption></figure>',
    ...unfinished.map(
      ([phase, outcome]) =>
        `<p class="warning">${e(phase)} phase ended in ${e(outcome.status)}${outcome.unfinished.length === 0 ? '' : `; waiting: ${e(outcome.unfinished.map((c) => `${c.name} at ${c.label}`).join(', '))}`}</p>`,
    ),
    post.length === 0
      ? ''
      : `<p class="note">Post part, run alone after the tasks:</p><pre>${e(renderSequential(post).join('\n'))}</pre>`,
    '<h3>Violations of this run</h3>',
    `<ul class="violations">${finding.violations
      .map(
        (v) =>
          `<li${v.invariant === finding.invariant ? ' class="target"' : ''}><span class="mono">${e(v.invariant)}</span>: ${e(v.message)}</li>`,
      )
      .join('')}</ul>`,
    '<h3>Registry indexes before and after the tasks</h3>',
    renderIndexes(report.before, report.after, execution.quiescent),
    `<details><summary>Interleaving table</summary><pre>${e(renderFindingTable(finding).join('\n'))}</pre></details>`,
    `<details><summary>Scenario</summary><pre>${e(JSON.stringify(finding.scenario, null, 2))}</pre></details>`,
    '</section>',
  ].join('\n');
}

function renderIndexes(before: IndexesView | undefined, after: IndexesView, quiescent: boolean): string {
  const notes = [
    before === undefined
      ? '<p class="warning">The setup did not finish, so there is no state before the tasks.</p>'
      : '',
    quiescent
      ? ''
      : '<p class="warning">The run did not reach quiescence: the final state is mid-operation.</p>',
  ];
  const rows = diffIndexes(before ?? [], after).map((table) => {
    if (table.entries.length === 0) {
      return `<tr><th class="index mono">${e(table.name)}</th><td class="absent" colspan="2">empty before and after</td></tr>`;
    }
    return [
      `<tr><th class="index mono" colspan="3">${e(table.name)}</th></tr>`,
      ...table.entries.map(
        (entry) =>
          `<tr class="${entry.change}"><td class="mono">${e(entry.key)}</td>${cell('before', entry.before)}${cell('after', entry.after)}</tr>`,
      ),
    ].join('');
  });
  return [
    ...notes,
    '<table class="indexes"><thead><tr><th>key</th><th>before (after the setup)</th><th>after (end of the run)</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table>`,
    '<p class="note">Green: added by the run; red, struck out: removed; yellow: changed. <span class="mono">(stale)</span>: a model-index entry that is not the live worker object.</p>',
  ].join('\n');
}

function cell(side: 'before' | 'after', value: string | undefined): string {
  return value === undefined ? `<td class="${side} absent">—</td>` : `<td class="${side}">${e(value)}</td>`;
}
