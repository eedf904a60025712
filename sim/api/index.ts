/**
 * The package root, `import … from 'regsim'`: the programmatic API (fuzz, replay, check, list, bench and
 * an assertion for test runners), each returning the object its command prints with `--json`,
 * and the public API that registry plugins are written against.
 */
export * from '../../src/index.ts';
export type { ReplayResult } from '../outcome/replayResult.ts';
export type {
  FuzzResult,
  ImplementationResult,
  MergedResult,
  ViolationResult,
} from '../outcome/types.ts';
export type { MergedVerifyResult } from '../outcome/verifyMerge.ts';
export type { VerifyCounterexampleResult, VerifyResult } from '../outcome/verifyResult.ts';
export type { StrategyName } from '../strategies/parse.ts';
export type { BenchResult } from '../throughput/runBench.ts';
export type { UniverseName } from '../verify/universes.ts';
export { assertNoViolations } from './assertNoViolations.ts';
export { type BenchInput, bench } from './bench.ts';
export { check, type HistoryCheckOptions, type HistoryText, type HistoryVerdict } from './check.ts';
export { type FuzzOptions, fuzz } from './fuzz.ts';
export { type ListResult, list } from './list.ts';
export { type ReplayOptions, replay } from './replay.ts';
export { type VerifyOptions, verify } from './verify.ts';
