/** Replay tokens (`sim/replay/`): what they hold, what they refuse, and replaying them. */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { replayScenario, replayToken } from '../../sim/replay/replayScenario.ts';
import { decodeToken, encodeToken, isToken } from '../../sim/replay/token.ts';
import { parseScenarioText } from '../../sim/scenario/parse.ts';
import { findImplementation } from '../../src/catalog.ts';

const loaded = parseScenarioText(readFileSync('scenarios/known/R1.json', 'utf8'));
if (!loaded.ok) throw new Error(loaded.error);
const r1 = loaded.scenario;
const pack = (value: unknown) =>
  `regsim1.${deflateRawSync(Buffer.from(JSON.stringify(value))).toString('base64url')}`;

describe('replay tokens', () => {
  it('carry the implementation, scenario and schedule of a run, and replay it exactly', async () => {
    const r0 = findImplementation('r0')!;
    const scripted = await replayScenario(r1, r0);
    const schedule = (scripted.execution.phases.tasks?.trace ?? []).map((e) => ({
      task: r1.tasks[e.task]!.name,
      label: e.label,
    }));
    const token = encodeToken({ impl: 'r0', scenario: r1, schedule });
    expect(isToken(token)).toBe(true);
    const decoded = decodeToken(token);
    if (!decoded.ok) throw new Error(decoded.error);
    const { description: _description, ...described } = r1;
    expect(decoded.token).toEqual({ impl: 'r0', scenario: described, schedule });
    const replayed = await replayToken(decoded.token, r0);
    expect(replayed.divergences).toEqual([]);
    expect(replayed.execution.phases.tasks?.trace).toEqual(scripted.execution.phases.tasks?.trace);
    expect(replayed.violations).toEqual(scripted.violations);
  });

  it('name where a schedule recorded on one version cannot be followed on another', async () => {
    const r0 = findImplementation('r0')!;
    const scripted = await replayScenario(r1, r0);
    const schedule = (scripted.execution.phases.tasks?.trace ?? []).map((e) => ({
      task: r1.tasks[e.task]!.name,
      label: e.label,
    }));
    // v836 takes its registration lock first: the recorded r0 steps are not the steps it takes.
    const replayed = await replayToken({ impl: 'r0', scenario: r1, schedule }, findImplementation('v836')!);
    expect(replayed.divergences.length).toBeGreaterThan(0);
    expect(replayed.divergences[0]!.text).toMatch(
      /^the token expects T\d at .+, but T\d (is at .+|cannot run)$/,
    );
  });

  it('refuse what is not a token, with the reason', () => {
    expect(decodeToken('scenarios/known/R1.json')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not a replay token/),
    });
    expect(decodeToken('regsim1.%%%')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^corrupt replay token/),
    });
    expect(decodeToken(pack({ v: 2 }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/format 2 is not supported/),
    });
    expect(decodeToken(pack({ v: 1, scenario: r1, schedule: [] }))).toMatchObject({
      ok: false,
      error: 'corrupt replay token: no implementation',
    });
    expect(decodeToken(pack({ v: 1, impl: 'r0', scenario: r1, schedule: [['T1']] }))).toMatchObject({
      ok: false,
      error: 'corrupt replay token: bad schedule',
    });
    expect(decodeToken(pack({ v: 1, impl: 'r0', scenario: { name: 'x' }, schedule: [] }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^corrupt replay token: scenario /),
    });
  });
});

describe('tokens travel', () => {
  it('leave the free-text description out, so they stay short however long it is', () => {
    const schedule = [{ task: 'T1', label: 'url_to_id.contains_key(U)' }];
    const short = encodeToken({ impl: 'r0', scenario: { ...r1, description: 'x' }, schedule });
    const long = encodeToken({
      impl: 'r0',
      scenario: { ...r1, description: 'why '.repeat(5_000) },
      schedule,
    });
    expect(long).toBe(short);
    const decoded = decodeToken(long);
    expect(decoded.ok && decoded.token.scenario.description).toBeUndefined();
  });
});
