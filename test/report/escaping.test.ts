/**
 * Names and labels in a scenario file are user text: a scenario whose names are markup must come
 * out of the HTML report as text, in the page source and in the DOM Chromium builds from it.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exploreScenario } from '../../sim/explore/exploreScenario.ts';
import { escapeHtml, escapeXml } from '../../sim/report/escape.ts';
import { renderHtmlReport } from '../../sim/report/html.ts';
import { renderJunit } from '../../sim/report/junit.ts';
import { collectCampaignReport } from '../../sim/report/model.ts';
import { parseScenario } from '../../sim/scenario/parse.ts';
import { findImplementation } from '../../src/catalog.ts';
import { CHROMIUM_FOUND, dumpDom, findingLanes, requireChromium } from './chromium.ts';
import { elementsNamed, parseXml } from './xml.ts';

const TASK_1 = '<img src=x onerror="alert(1)">';
const TASK_2 = `T2"'&amp;</g></svg><script>alert(2)</script>`;
const WORKER = '<b>A</b>';
const URL = 'U"><svg onload=alert(3)>';

// R1's race (two create-only registers of one URL on r0) under hostile names.
const HOSTILE = {
  name: '</title><script>alert(4)</script>',
  workers: { [WORKER]: { url: URL, models: ['<i>m</i>'] }, B: { url: URL, models: ['b'] } },
  tasks: [
    { name: TASK_1, ops: [{ op: 'register', worker: WORKER }] },
    { name: TASK_2, ops: [{ op: 'register', worker: 'B' }] },
  ],
};

/** Undoes the character references a serializer puts in an attribute value. */
const decodeAttribute = (text: string): string =>
  text.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!,
  );

describe('escaping', () => {
  it('escapeHtml turns every markup character into a reference', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapeXml also replaces characters XML cannot carry, and keeps line breaks in attributes', () => {
    expect(escapeXml('a\u0001b\uFFFFc\uD800d]]>')).toBe('a\uFFFDb\uFFFDc\uFFFDd]]&gt;');
    expect(escapeXml('x\ny\tz', true)).toBe('x&#10;y&#9;z');
    expect(escapeXml('x\ny', false)).toBe('x\ny');
    // A surrogate pair is one character, kept.
    expect(escapeXml('😀')).toBe('😀');
  });
});

describe('a report on a scenario whose names are markup', () => {
  let html: string;
  let dom: string;
  let junit: string;

  beforeAll(async () => {
    const impl = findImplementation('r0')!;
    const parsed = parseScenario(HOSTILE);
    if (!parsed.ok) throw new Error(parsed.error);
    const result = await exploreScenario({
      impl,
      scenario: parsed.scenario,
      strategy: { name: 'pct', depth: 3 },
      seed: 1,
      maxSchedules: 300,
      timeBudgetMs: 30_000,
      untilFirst: true,
      clock: () => performance.now(),
    });
    html = renderHtmlReport({
      title: 'regsim report',
      generatedAt: '2026-01-01T00:00:00.000Z',
      command: `regsim fuzz --scenario "<evil>.json"`,
      campaigns: [await collectCampaignReport(result, impl)],
    });
    junit = renderJunit([result]);
    const dir = await mkdtemp(join(tmpdir(), 'regsim-escaping-'));
    await writeFile(join(dir, 'index.html'), html);
    if (CHROMIUM_FOUND) dom = await dumpDom(join(dir, 'index.html'));
  }, 120_000);

  it('has a counterexample to show', (context) => {
    requireChromium(context);
    expect(findingLanes(dom)).toHaveLength(1);
  });

  it('writes no markup from the scenario into the page source', () => {
    for (const raw of ['<img', '<script', '<svg onload', '<b>', '<i>', HOSTILE.name, TASK_2]) {
      expect(html).not.toContain(raw);
    }
    expect(html).toContain(escapeHtml(TASK_1));
    expect(html).toContain(escapeHtml(HOSTILE.name));
  });

  it('leaves the names as text in the DOM Chromium builds: two lanes named after the tasks, no injected element', (context) => {
    requireChromium(context);
    const [finding] = findingLanes(dom);
    expect(finding!.lanes.map(decodeAttribute)).toEqual([TASK_1, TASK_2]);
    expect(dom).not.toMatch(/<(img|script|b|i)[\s>]/);
    expect(dom).not.toMatch(/<svg onload/);
    expect(dom.match(/<section class="finding"/g)).toHaveLength(1);
  });

  it('keeps the JUnit XML well-formed, the messages intact', () => {
    const root = parseXml(junit);
    const failures = elementsNamed(root, 'failure');
    expect(failures).toHaveLength(1);
    expect(failures[0]!.attributes.get('message')).toContain(URL);
    expect(failures[0]!.text).toContain(TASK_1);
  });
});
