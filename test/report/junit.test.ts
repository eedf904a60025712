/**
 * JUnit XML: well-formed (by a strict reader that is itself shown to reject malformed input), one
 * test case per implementation × invariant, failures carrying the message, the counterexample
 * and the replay command.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CampaignResult } from '../../sim/explore/campaign.ts';
import type { Finding } from '../../sim/explore/finding.ts';
import { renderJunit } from '../../sim/report/junit.ts';
import { INVARIANT_IDS } from '../../sim/report/model.ts';
import { executeScenario } from '../../sim/scenario/execute.ts';
import type { Scenario } from '../../sim/scenario/types.ts';
import { findImplementation } from '../../src/catalog.ts';
import { runCli } from '../cli/runCli.ts';
import { elementsNamed, parseXml, type XmlElement } from './xml.ts';

interface FuzzJson {
  readonly violations: readonly {
    readonly impl: string;
    readonly invariant: string;
    readonly message: string;
    readonly token: string;
  }[];
}

const attr = (element: XmlElement, name: string): string | undefined => element.attributes.get(name);

const EMPTY: Scenario = { name: 's', workers: {}, setup: [], tasks: [], post: [] };
const emptyRun = await executeScenario(EMPTY, findImplementation('r0')!, { choose: () => 0 });

const finding = (over: Partial<Finding>): Finding => ({
  impl: 'r0',
  invariant: 'url-unique',
  message: 'URL U is held by 2 live workers',
  depth: 1,
  token: 'regsim1.abc',
  firstSchedule: 3,
  scenario: EMPTY,
  schedule: [],
  violations: [],
  execution: emptyRun,
  race: [],
  ...over,
});

const result = (over: Partial<CampaignResult>): CampaignResult => ({
  impl: 'r0',
  strategy: 'pct(3)',
  schedules: 500,
  plannedSchedules: 500,
  scenarios: 50,
  chunks: 1,
  elapsedMs: 1234,
  findings: [],
  errors: [],
  failures: [],
  maxTasks: 2,
  maxSteps: 10,
  status: 'done',
  ...over,
});

describe('the strict XML reader used to check the JUnit output', () => {
  it('accepts a well-formed document and decodes references', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<a x="1 &amp; &#10;2"><b>t&lt;&#x41;</b><!-- c --><c/></a>\n',
    );
    expect(attr(root, 'x')).toBe('1 & \n2');
    expect(root.children.map((c) => c.name)).toEqual(['b', 'c']);
    expect(root.children[0]!.text).toBe('t<A');
  });

  it.each([
    ['a raw &', '<a>x & y</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['mismatched tags', '<a><b></a></b>'],
    ['an unclosed element', '<a><b/>'],
    ['< in an attribute value', '<a x="<"/>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['a control character', '<a>\u0001</a>'],
    ['a reference to a control character', '<a>&#1;</a>'],
    ['two root elements', '<a/><b/>'],
    [']]> in text', '<a>]]></a>'],
  ])('rejects %s', (_, source) => {
    expect(() => parseXml(source)).toThrow();
  });
});

describe('regsim fuzz --junit on R1 (r0 and actor)', () => {
  let json: FuzzJson;
  let root: XmlElement;

  beforeAll(async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'regsim-junit-')), 'nested', 'junit.xml');
    const run = await runCli(
      'fuzz',
      '--impl',
      'r0,actor',
      '--scenario',
      'scenarios/known/R1.json',
      '--schedules',
      '300',
      '--json',
      '--junit',
      file,
    );
    expect(run.code, run.err).toBe(1);
    json = JSON.parse(run.out) as FuzzJson;
    root = parseXml(await readFile(file, 'utf8'));
  }, 120_000);

  it('is one <testsuites> with one <testsuite> per implementation and consistent counts', () => {
    expect(root.name).toBe('testsuites');
    const suites = elementsNamed(root, 'testsuite');
    expect(suites.map((s) => attr(s, 'name'))).toEqual(['regsim.r0', 'regsim.actor']);
    expect(attr(root, 'tests')).toBe(String(2 * INVARIANT_IDS.length));
    expect(attr(root, 'failures')).toBe(String(json.violations.length));
    expect(attr(root, 'errors')).toBe('0');
    for (const suite of suites) {
      const cases = elementsNamed(suite, 'testcase');
      expect(attr(suite, 'tests')).toBe(String(cases.length));
      expect(attr(suite, 'failures')).toBe(String(elementsNamed(suite, 'failure').length));
      expect(Number(attr(suite, 'time'))).toBeGreaterThanOrEqual(0);
    }
  });

  it('has a test case per implementation × invariant, passing ones included', () => {
    for (const impl of ['r0', 'actor']) {
      const cases = elementsNamed(root, 'testcase').filter((c) => attr(c, 'classname') === `regsim.${impl}`);
      expect(cases.map((c) => attr(c, 'name'))).toEqual([...INVARIANT_IDS]);
    }
  });

  it('fails exactly the violated ones, with the message, the counterexample table and the replay command', () => {
    const key = (classname: string | undefined, name: string | undefined) => `${classname} ${name}`;
    const failed = new Map(
      elementsNamed(root, 'testcase')
        .filter((c) => c.children.length > 0)
        .map((c) => [key(attr(c, 'classname'), attr(c, 'name')), c]),
    );
    expect([...failed.keys()].sort()).toEqual(
      json.violations.map((v) => key(`regsim.${v.impl}`, v.invariant)).sort(),
    );
    for (const v of json.violations) {
      const [failure] = failed.get(key(`regsim.${v.impl}`, v.invariant))!.children;
      expect(failure!.name).toBe('failure');
      expect(attr(failure!, 'message')).toBe(v.message);
      expect(attr(failure!, 'type')).toBe(v.invariant);
      expect(failure!.text).toContain(`replay: npx regsim replay ${v.token}`);
      expect(failure!.text).toMatch(/\| #\s+\| T1\s+\| T2\s+\|/);
    }
  });
});

describe('renderJunit', () => {
  it('escapes messages and names, keeping line breaks and replacing what XML cannot carry', () => {
    const message = `a<b>&"c"'\u0001\nline 2`;
    const root = parseXml(
      renderJunit([result({ impl: `r0"<x>`, findings: [finding({ impl: `r0"<x>`, message })] })]),
    );
    const [failure] = elementsNamed(root, 'failure');
    expect(attr(failure!, 'message')).toBe(`a<b>&"c"'\uFFFD\nline 2`);
    expect(failure!.text).toContain(`a<b>&"c"'\uFFFD\nline 2`);
    expect(attr(elementsNamed(root, 'testcase')[0]!, 'classname')).toBe(`regsim.r0"<x>`);
  });

  it('reports a failure that was not shrunk, and a chunk that did not complete as an error', () => {
    const root = parseXml(
      renderJunit([
        result({
          findings: [finding({ invariant: 'url-unique' })],
          failures: [
            { invariant: 'url-unique', schedule: 3, message: 'first', steps: [], chunk: 0 },
            { invariant: 'linearizable', schedule: 40, message: 'no linearization', steps: [], chunk: 0 },
          ],
          errors: [{ chunk: 2, firstSchedule: 1001, lastSchedule: 1500, error: 'worker hung' }],
        }),
      ]),
    );
    const byName = new Map(elementsNamed(root, 'testcase').map((c) => [attr(c, 'name'), c]));
    const linearizable = byName.get('linearizable')!.children[0]!;
    expect(linearizable.name).toBe('failure');
    expect(linearizable.text).toContain('first hit at schedule 40; not shrunk');
    const chunk = byName.get('chunk 2 (schedules 1001-1500)')!.children[0]!;
    expect(chunk.name).toBe('error');
    expect(attr(chunk, 'message')).toBe('worker hung');
    expect(attr(root, 'tests')).toBe(String(INVARIANT_IDS.length + 1));
    expect(attr(root, 'failures')).toBe('2');
    expect(attr(root, 'errors')).toBe('1');
  });

  it('passes every invariant of a campaign without violations', () => {
    const root = parseXml(renderJunit([result({})]));
    expect(elementsNamed(root, 'testcase').every((c) => c.children.length === 0)).toBe(true);
    expect(attr(root, 'failures')).toBe('0');
  });
});
