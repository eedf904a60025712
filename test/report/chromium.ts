/**
 * Runs headless Chromium for the report tests: the browser at `CHROMIUM_PATH`, else Debian's
 * `/usr/bin/chromium` (`.ci/run` installs it). Without one, the tests that read the rendered DOM
 * are skipped with a line saying how to get it, except under `CI=true`, where they fail: CI is
 * how the report is known to render.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { TestContext } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Whether there is a browser to render the report in. */
export const CHROMIUM_FOUND = existsSync(CHROMIUM);

const MISSING = `no Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH to run the browser tests`;

/**
 * Called first by a test that reads the rendered DOM: skips it when there is no browser, or
 * fails it under `CI=true`.
 */
export function requireChromium(context: TestContext): void {
  if (CHROMIUM_FOUND) return;
  if (process.env.CI === 'true') throw new Error(`${MISSING} (CI=true: the browser tests must run)`);
  // The default reporter counts skips but does not show their notes: say it once per file.
  if (!told) console.warn(`skipped: ${MISSING}`);
  told = true;
  context.skip(MISSING);
}

let told = false;

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
  if (!CHROMIUM_FOUND) throw new Error(MISSING);
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

/** The DOM Chromium built from an HTML file, serialized (call only when `CHROMIUM_FOUND`). */
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
