/** The benchmarks read their order statistics from the simulator's throughput layer, which `regsim bench` shares. */
export { median, quantile } from '../sim/throughput/stats.ts';
