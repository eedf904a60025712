/**
 * The compiled package, built afresh from the current sources into a scratch folder inside the
 * repository (so `package.json` is found above it, as it is above `dist/`): the command runs
 * from JavaScript alone, its pool's workers load the compiled worker, a TypeScript plugin still
 * loads (through tsx, registered on demand), and `package.json` points at files the build emits.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, '.tmp', 'compiled-test');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

const run = (...argv: string[]) =>
  spawnSync(process.execPath, [join(OUT, 'bin', 'regsim.js'), ...argv], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });

describe('the compiled package', () => {
  beforeAll(() => {
    rmSync(OUT, { recursive: true, force: true });
    const build = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.build.json', '--outDir', OUT], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(build.status, build.stdout + build.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('emits JavaScript with .js specifiers, declarations and source maps', () => {
    const index = readFileSync(join(OUT, 'src', 'index.js'), 'utf8');
    expect(index).toMatch(/from '\.\/domain\/hashRing\.js'/);
    expect(index).not.toMatch(/\.ts'/);
    expect(existsSync(join(OUT, 'src', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(OUT, 'sim', 'parallel', 'worker.js.map'))).toBe(true);
  });

  it('has every file package.json names for bin, exports and types', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      exports: Record<string, { types: string; import: string }>;
      types: string;
      files: string[];
    };
    const entries = [
      ...Object.values(pkg.bin),
      pkg.types,
      ...Object.values(pkg.exports).flatMap((e) => [e.types, e.import]),
    ];
    for (const entry of entries) {
      expect(entry).toMatch(/^(\.\/)?dist\//);
      expect(existsSync(join(OUT, entry.replace(/^(\.\/)?dist\//, ''))), entry).toBe(true);
    }
    expect(pkg.files).toEqual(
      expect.arrayContaining(['dist', 'scenarios', 'examples', 'README.md', 'LICENSE']),
    );
  });

  it('runs the command from JavaScript: --version and list', () => {
    const version = run('--version');
    expect(version.stdout.trim()).toBe(
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
    const list = run('list', '--json');
    expect(list.status, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { scenarios: string[] }).scenarios).toContain(
      'scenarios/known/R1.json',
    );
  });

  it('scans on compiled worker threads and loads a TypeScript plugin there', () => {
    const fuzz = run(
      'fuzz',
      '--impl',
      './examples/plugins/racy-registry.ts',
      '--schedules',
      '1000',
      '--threads',
      '2',
      '--until-first',
      '--json',
    );
    expect(fuzz.status, fuzz.stderr).toBe(1);
    const result = JSON.parse(fuzz.stdout) as {
      threads: number;
      violations: unknown[];
      implementations: { errors: unknown[] }[];
    };
    expect(result.threads).toBe(2);
    expect(result.implementations[0]!.errors).toEqual([]);
    expect(result.violations).toHaveLength(1);
  });
});
