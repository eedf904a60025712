/**
 * Campaign results as JUnit XML for CI systems: one `<testsuite>` per implementation, one
 * `<testcase classname="regsim.<impl>" name="<invariant>">` per invariant (passing ones too, so
 * a CI system tracks each across runs), with a `<failure>` carrying the counterexample table and
 * the replay command for each violated one. A chunk that crashed or hung is one more test case
 * with an `<error>`: its schedules were not explored, which a CI run must not pass over silently.
 */
import type { CampaignResult } from '../explore/campaign.ts';
import { escapeXml } from './escape.ts';
import { renderFindingTable } from './interleavingTable.ts';
import { INVARIANT_IDS, replayCommand } from './model.ts';

const attr = (value: string | number): string => `"${escapeXml(String(value), true)}"`;
const seconds = (ms: number): string => (ms / 1000).toFixed(3);

interface Case {
  readonly name: string;
  /** The `<failure>` or `<error>` element, if the case did not pass. */
  readonly outcome?: {
    readonly element: 'failure' | 'error';
    readonly message: string;
    readonly type: string;
    readonly text: string;
  };
}

function casesOf(result: CampaignResult): Case[] {
  const cases: Case[] = INVARIANT_IDS.map((id): Case => {
    const finding = result.findings.find((f) => f.invariant === id);
    if (finding !== undefined) {
      const text = [
        `${finding.invariant} on ${finding.impl}: ${finding.message}`,
        `depth ${finding.depth} (preemptions), first hit at schedule ${finding.firstSchedule}`,
        '',
        ...renderFindingTable(finding),
        '',
        `replay: ${replayCommand(finding.token)}`,
      ].join('\n');
      return { name: id, outcome: { element: 'failure', message: finding.message, type: id, text } };
    }
    // With --until-first only the first failure is shrunk; the others are still failures.
    const failure = result.failures.find((f) => f.invariant === id);
    if (failure !== undefined) {
      const text = `${id} on ${result.impl}: ${failure.message}\nfirst hit at schedule ${failure.schedule}; not shrunk (the campaign stopped at its first finding)`;
      return { name: id, outcome: { element: 'failure', message: failure.message, type: id, text } };
    }
    return { name: id };
  });
  for (const error of result.errors) {
    cases.push({
      name: `chunk ${error.chunk} (schedules ${error.firstSchedule}-${error.lastSchedule})`,
      outcome: {
        element: 'error',
        message: error.error,
        type: 'chunk-error',
        text: `chunk ${error.chunk} did not complete: ${error.error}`,
      },
    });
  }
  return cases;
}

/** The JUnit XML document of one or more campaigns (one per implementation). */
export function renderJunit(results: readonly CampaignResult[]): string {
  const suites = results.map((result) => ({ result, cases: casesOf(result) }));
  const count = (cases: readonly Case[], element: 'failure' | 'error') =>
    cases.filter((c) => c.outcome?.element === element).length;
  const all = suites.flatMap((s) => s.cases);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="regsim" tests=${attr(all.length)} failures=${attr(count(all, 'failure'))} errors=${attr(count(all, 'error'))} time=${attr(seconds(results.reduce((n, r) => n + r.elapsedMs, 0)))}>`,
  ];
  for (const { result, cases } of suites) {
    const classname = `regsim.${result.impl}`;
    lines.push(
      `  <testsuite name=${attr(classname)} tests=${attr(cases.length)} failures=${attr(count(cases, 'failure'))} errors=${attr(count(cases, 'error'))} skipped="0" time=${attr(seconds(result.elapsedMs))}>`,
      '    <properties>',
      `      <property name="strategy" value=${attr(result.strategy)}/>`,
      `      <property name="schedules" value=${attr(result.schedules)}/>`,
      `      <property name="scenarios" value=${attr(result.scenarios)}/>`,
      `      <property name="status" value=${attr(result.status)}/>`,
      '    </properties>',
    );
    for (const c of cases) {
      const open = `    <testcase classname=${attr(classname)} name=${attr(c.name)}`;
      if (c.outcome === undefined) {
        lines.push(`${open}/>`);
        continue;
      }
      const { element, message, type, text } = c.outcome;
      lines.push(
        `${open}>`,
        `      <${element} message=${attr(message)} type=${attr(type)}>${escapeXml(text)}</${element}>`,
        '    </testcase>',
      );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
