import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from '../../sim/cli/closestName.ts';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['seed', 'seed', 0],
    ['', 'json', 4],
    ['schedule', 'schedules', 1],
    ['shcedules', 'schedules', 1],
    ['strategy', 'stratgey', 1],
    ['kitten', 'sitting', 3],
    ['fast', 'json', 4],
  ])('%s → %s: %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('closestName', () => {
  const FUZZ = ['impl', 'strategy', 'depth', 'schedules', 'seed', 'time-budget', 'threads', 'all', 'json'];

  it('finds the flag a typo was meant to be', () => {
    expect(closestName('schedule', FUZZ)).toBe('schedules');
    expect(closestName('stratgey', FUZZ)).toBe('strategy');
    expect(closestName('Seed', FUZZ)).toBe('seed');
  });

  it('completes an abbreviation with one completion only', () => {
    expect(closestName('time', FUZZ)).toBe('time-budget');
    expect(closestName('thr', FUZZ)).toBe('threads');
    // "s" could be schedules, seed or strategy; "de" is near enough to nothing but depth.
    expect(closestName('s', FUZZ)).toBeUndefined();
  });

  it('prefers the nearest of several close names', () => {
    expect(closestName('sede', ['seed', 'speed', 'sedan'])).toBe('seed');
  });

  it('suggests nothing for a name far from every candidate', () => {
    expect(closestName('fast', ['impl', 'json', 'strict'])).toBeUndefined();
    expect(closestName('frobnicate', ['list', 'replay', 'check', 'fuzz', 'merge', 'start'])).toBeUndefined();
  });
});
