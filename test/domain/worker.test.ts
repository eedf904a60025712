/** The worker data model (spec §1.2): `createWorker` defaults and the model-id helpers. */
import { describe, expect, it } from 'vitest';
import {
  createWorker,
  primaryModelId,
  UNKNOWN_MODEL_ID,
  type WorkerSpec,
  workerModelIds,
} from '../../src/domain/worker.ts';

const worker = (spec: Omit<WorkerSpec, 'url'> = {}) => createWorker('W', { url: 'http://w:8000', ...spec });

describe('createWorker', () => {
  it('fills in the spec defaults', () => {
    expect(worker()).toEqual({
      label: 'W',
      url: 'http://w:8000',
      models: [],
      type: 'Regular',
      mode: 'Http',
      priority: 50,
      cost: 1,
      labels: {},
    });
  });

  it('keeps every field that is given', () => {
    const spec = {
      models: ['m1', 'm2'],
      type: 'Decode',
      mode: 'Grpc',
      priority: 7,
      cost: 3,
      labels: { model_id: 'x' },
    } as const;
    expect(worker(spec)).toEqual({ label: 'W', url: 'http://w:8000', ...spec });
  });

  it('keeps zero priority and cost rather than defaulting them', () => {
    const w = worker({ priority: 0, cost: 0 });
    expect(w.priority).toBe(0);
    expect(w.cost).toBe(0);
  });

  it('builds a new object on every call', () => {
    expect(worker()).not.toBe(worker());
  });
});

describe('primaryModelId', () => {
  it('is the first model when there is one', () => {
    expect(primaryModelId(worker({ models: ['m2', 'm1'], labels: { model_id: 'x' } }))).toBe('m2');
  });

  it('falls back to the model_id label for a wildcard worker', () => {
    expect(primaryModelId(worker({ labels: { model_id: 'x' } }))).toBe('x');
  });

  it('falls back to "unknown" without models or label', () => {
    expect(UNKNOWN_MODEL_ID).toBe('unknown');
    expect(primaryModelId(worker({ labels: { other: 'y' } }))).toBe('unknown');
  });
});

describe('workerModelIds', () => {
  it('lists the unique models in order', () => {
    expect(workerModelIds(worker({ models: ['m2', 'm1', 'm2', 'm3', 'm1'] }))).toEqual(['m2', 'm1', 'm3']);
  });

  it('ignores the model_id label when models are given', () => {
    expect(workerModelIds(worker({ models: ['m1'], labels: { model_id: 'x' } }))).toEqual(['m1']);
  });

  it('falls back to [model_id()] for a wildcard worker', () => {
    expect(workerModelIds(worker({ labels: { model_id: 'x' } }))).toEqual(['x']);
    expect(workerModelIds(worker())).toEqual(['unknown']);
  });
});
