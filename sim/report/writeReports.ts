/**
 * The reports' I/O edge: replays the findings, renders the HTML page and the JUnit XML, and
 * writes them (creating directories as needed). Rendering itself is pure (`html.ts`, `junit.ts`).
 */
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Implementation } from '../../src/types.ts';
import type { CampaignResult } from '../explore/campaign.ts';
import { renderHtmlReport } from './html.ts';
import { renderJunit } from './junit.ts';
import { type CampaignReport, collectCampaignReport } from './model.ts';
import { createDirectories, htmlReportFile } from './outputPaths.ts';

/** A campaign's result with the implementation it ran on (the findings are replayed on it). */
export interface CampaignRun {
  readonly result: CampaignResult;
  readonly impl: Implementation;
}

/** What to write; either may be left out. */
export interface ReportTargets {
  /** Directory for `index.html`. */
  readonly reportDir?: string;
  /** File for the JUnit XML. */
  readonly junitFile?: string;
  /** The command line, shown on the page. */
  readonly command: string;
  /** When the campaigns ran. */
  readonly now: Date;
}

/** Absolute paths of the files written. */
export interface WrittenReports {
  readonly html?: string;
  readonly junit?: string;
}

/** Writes the requested reports and returns their absolute paths. */
export async function writeReports(
  runs: readonly CampaignRun[],
  targets: ReportTargets,
): Promise<WrittenReports> {
  const written: { html?: string; junit?: string } = {};
  if (targets.reportDir !== undefined) {
    const campaigns: CampaignReport[] = [];
    for (const run of runs) campaigns.push(await collectCampaignReport(run.result, run.impl));
    const html = renderHtmlReport({
      title: 'regsim report',
      generatedAt: targets.now.toISOString(),
      command: targets.command,
      campaigns,
    });
    written.html = htmlReportFile(targets.reportDir);
    createDirectories(dirname(written.html));
    await writeFile(written.html, html, 'utf8');
  }
  if (targets.junitFile !== undefined) {
    written.junit = resolve(targets.junitFile);
    createDirectories(dirname(written.junit));
    await writeFile(written.junit, renderJunit(runs.map((r) => r.result)), 'utf8');
  }
  return written;
}
