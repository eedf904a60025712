import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.ts';

interface ReplayJson {
  ok: boolean;
  impl: string;
  violations: { invariant: string; message: string }[];
  diverged: { step: number; wanted: string; ran: string }[];
}

async function replay(file: string, impl: string): Promise<{ code: number; json: ReplayJson }> {
  const run = await runCli('replay', `scenarios/known/${file}.json`, '--impl', impl, '--json');
  return { code: run.code, json: JSON.parse(run.out) as ReplayJson };
}

const invariantsOf = (json: ReplayJson) => [...new Set(json.violations.map((v) => v.invariant))].sort();

describe('the known interleavings of spec §6 on R0', () => {
  it.each([
    // Spec §6: R1 breaks I1, I2, I6; R2 I3, I4, I5 (I8 shows only after a later remove);
    // R3 I1, I2, I3, I4; R4 I2, I6, I8. I6 (honest returns) shows as `linearizable`. R4's leaked
    // reservation is for `final-state` to judge, which needs a linearization: R4 has none.
    ['R1', ['linearizable', 'url-map', 'url-unique']],
    ['R2', ['hash-ring', 'linearizable', 'model-index', 'type-index']],
    ['R3', ['hash-ring', 'linearizable', 'model-index', 'url-map', 'url-unique']],
    ['R4', ['linearizable']],
    ['fabricated-id', ['linearizable']],
  ])('%s exits 1 with the invariants the spec names', async (file, expected) => {
    const { code, json } = await replay(file, 'r0');
    expect(code).toBe(1);
    expect(json.ok).toBe(false);
    expect(invariantsOf(json)).toEqual(expected);
  });
});

describe('the same schedules on the merged version (v836)', () => {
  it.each(['R2', 'R3', 'R4'])('%s exits 0', async (file) => {
    const { code, json } = await replay(file, 'v836');
    expect(json.violations).toEqual([]);
    expect(code).toBe(0);
  });

  it('R2 diverges where the mutation lock makes T2 wait', async () => {
    const { json } = await replay('R2', 'v836');
    expect(json.diverged.length).toBeGreaterThan(0);
    expect(json.diverged[0]).toMatchObject({ wanted: 'T2', ran: 'T1' });
  });

  it("R1's schedule hits review finding 4 on v836: an in-flight registration looks like a reservation", async () => {
    // Spec §8, #836 follow-up round, item 4 (kept in V836): T2's entry() finds T1's fresh id
    // before T1 stored its worker and adopts it as a "pre-reserved slot".
    const { code, json } = await replay('R1', 'v836');
    expect(code).toBe(1);
    expect(invariantsOf(json)).toContain('model-index');
  });
});

describe("V756's transient gap", () => {
  it('a concurrent getByModel sees the model empty on v756', async () => {
    const { code, json } = await replay('gap-756', 'v756');
    expect(code).toBe(1);
    expect(invariantsOf(json)).toEqual(['linearizable']);
  });

  it('v836 keeps the URL in model_index[a] throughout', async () => {
    expect((await replay('gap-756', 'v836')).code).toBe(0);
  });
});

describe('replay determinism', () => {
  it('two replays of one file give byte-identical JSON', async () => {
    const a = await runCli('replay', 'scenarios/known/R2.json', '--impl', 'r0', '--json');
    const b = await runCli('replay', 'scenarios/known/R2.json', '--impl', 'r0', '--json');
    expect(a.out).toBe(b.out);
  });
});
