/**
 * The HTML report as Chromium renders it: `regsim fuzz --report` on R1's known scenario, then the
 * DOM headless Chromium built from the page. A counterexample of R1 has two tasks, so each one's
 * timeline must show exactly the lanes T1 and T2.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INVARIANT_IDS } from '../../sim/report/model.ts';
import { runCli } from '../cli/runCli.ts';
import { CHROMIUM_FOUND, dumpDom, findingLanes, requireChromium } from './chromium.ts';

interface FuzzJson {
  readonly violations: readonly {
    readonly impl: string;
    readonly invariant: string;
    readonly tasks: number;
    readonly token: string;
  }[];
}

describe('regsim fuzz --report on R1, rendered by headless Chromium', () => {
  let json: FuzzJson;
  let dom: string;
  let html: string;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'regsim-report-'));
    const run = await runCli(
      'fuzz',
      '--impl',
      'r0',
      '--scenario',
      'scenarios/known/R1.json',
      '--schedules',
      '300',
      '--json',
      '--report',
      dir,
    );
    expect(run.code, run.err).toBe(1);
    json = JSON.parse(run.out) as FuzzJson;
    html = await readFile(join(dir, 'index.html'), 'utf8');
    if (CHROMIUM_FOUND) dom = await dumpDom(join(dir, 'index.html'));
  }, 120_000);

  it('finds R1 (the page has something to show)', () => {
    expect(json.violations.length).toBeGreaterThan(0);
    expect(json.violations.every((v) => v.tasks === 2)).toBe(true);
  });

  it('shows one counterexample per violation, each with exactly one lane per task: T1 and T2', (context) => {
    requireChromium(context);
    const sections = findingLanes(dom);
    expect(sections.map((s) => s.invariant).sort()).toEqual(json.violations.map((v) => v.invariant).sort());
    for (const section of sections) expect(section.lanes).toEqual(['T1', 'T2']);
  });

  it('draws an operation bar per call and a mark per step in the lanes', (context) => {
    requireChromium(context);
    // R1 has one register per task: two bars in each timeline, labelled with the call and result.
    const first = dom.split('<section class="finding"')[1]!;
    expect(first.match(/<g class="op">/g)).toHaveLength(2);
    expect(first).toMatch(/<text class="op-call"[^>]*>register\(A\)<\/text>/);
    expect(first).toMatch(/<text class="op-result"[^>]*>⇒ id\d<\/text>/);
    // A depth-1 counterexample: one preemption among its steps.
    expect(first.match(/<g class="step preemption"/g)).toHaveLength(1);
    expect(first.match(/<g class="step( preemption)?" data-step=/g)!.length).toBeGreaterThan(2);
  });

  it('shows the summary table: one row for r0, a cell per invariant, the violated ones marked', (context) => {
    requireChromium(context);
    const table = /<table class="summary" id="summary">([\s\S]*?)<\/table>/.exec(dom)?.[1];
    expect(table).toBeDefined();
    expect(table!.match(/<tr data-impl="r0">/g)).toHaveLength(1);
    const cells = [...table!.matchAll(/data-invariant="([^"]+)" data-status="(\w+)"/g)].map((m) => [
      m[1],
      m[2],
    ]);
    const violated = new Set(json.violations.map((v) => v.invariant));
    expect(cells).toEqual(INVARIANT_IDS.map((id) => [id, violated.has(id) ? 'violated' : 'none']));
  });

  it('shows the replay command with each token, and the indexes after the run', (context) => {
    requireChromium(context);
    for (const v of json.violations) expect(dom).toContain(`npx regsim replay ${v.token}`);
    expect(dom).toContain('<th class="index mono" colspan="3">url_to_id</th>');
  });

  it('is self-contained: no script and no external resource', () => {
    expect(html).not.toMatch(/<script|<link|<img|\bsrc=|@import|url\(/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });
});
