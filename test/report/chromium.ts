/**
 * Runs Debian's Chromium headless for the report tests (`.ci/run` installs it). A missing
 * browser is an error, not a skip: these tests are how the report is known to render.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const CHROMIUM = '/usr/bin/chromium';

// Headless as root in a sandbox-less container; the network flags keep Chromium from reaching
// for Google's services, which this machine's closed network refuses (slowly, many at a time).
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const run = promisify(execFile);

async function chromium(args: readonly string[]): Promise<string> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}; the report tests render the HTML report in it. Install Debian's chromium (apt-get update && apt-get install -y --no-install-recommends chromium), as .ci/run does.`,
    );
  }
  // A fresh profile per run: no state carried between tests, nothing left in $HOME.
  const profile = await mkdtemp(join(tmpdir(), 'regsim-chromium-'));
  try {
    const { stdout } = await run(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, ...args], {
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** The DOM Chromium built from an HTML file, serialized. */
export function dumpDom(file: string): Promise<string> {
  return chromium(['--dump-dom', pathToFileURL(file).href]);
}

/** Each counterexample section of a page: its invariant and the lanes of its timeline, in order. */
export function findingLanes(dom: string): { invariant: string; lanes: string[] }[] {
  return [
    ...dom.matchAll(/<section class="finding"[^>]*data-invariant="([^"]*)"[^>]*>([\s\S]*?)<\/section>/g),
  ].map((m) => {
    const figure = /<figure>([\s\S]*?)<\/figure>/.exec(m[2]!)?.[1] ?? '';
    // Lanes count only inside the timeline's SVG, where the parser must have kept them.
    const svg = /<svg[^>]*class="timeline"[\s\S]*$/.exec(figure)?.[0] ?? '';
    return {
      invariant: m[1]!,
      lanes: [...svg.matchAll(/<g class="lane" data-lane="([^"]*)"/g)].map((l) => l[1]!),
    };
  });
}
