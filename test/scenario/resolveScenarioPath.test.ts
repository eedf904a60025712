import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SCENARIOS_DIR } from '../../sim/scenario/catalog.ts';
import { resolveScenarioPath } from '../../sim/scenario/resolveScenarioPath.ts';

const elsewhere = mkdtempSync(join(tmpdir(), 'regsim-resolve-'));
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

describe('resolveScenarioPath from a folder outside the package', () => {
  const shippedR1 = join(SCENARIOS_DIR, 'known', 'R1.json');

  it('finds a path as regsim list prints it', () => {
    expect(resolveScenarioPath('scenarios/known/R1.json', elsewhere)).toBe(shippedR1);
  });

  it('finds a shipped scenario by name, with or without .json', () => {
    expect(resolveScenarioPath('known/R1', elsewhere)).toBe(shippedR1);
    expect(resolveScenarioPath('known/R1.json', elsewhere)).toBe(shippedR1);
    expect(resolveScenarioPath('bench/standard', elsewhere)).toBe(
      join(SCENARIOS_DIR, 'bench', 'standard.json'),
    );
  });

  it("prefers the user's own file to a shipped one of the same name", () => {
    mkdirSync(join(elsewhere, 'known'));
    writeFileSync(join(elsewhere, 'known', 'R1.json'), '{}');
    expect(resolveScenarioPath('known/R1.json', elsewhere)).toBe('known/R1.json');
    // Without the extension the user's file is not the one named: the shipped scenario is.
    expect(resolveScenarioPath('known/R1', elsewhere)).toBe(shippedR1);
  });

  it('returns what it was given when nothing matches, so the read names it', () => {
    expect(resolveScenarioPath('known/R99', elsewhere)).toBe('known/R99');
    expect(resolveScenarioPath('/no/such/file.json', elsewhere)).toBe('/no/such/file.json');
  });

  it('does not let a name climb out of scenarios/', () => {
    expect(resolveScenarioPath('../package', elsewhere)).toBe('../package');
    expect(resolveScenarioPath('package.json', elsewhere)).toBe('package.json');
    expect(resolveScenarioPath('known', elsewhere)).toBe('known');
  });
});
