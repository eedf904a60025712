/**
 * The usage of every `regsim` command, one table entry each: what `regsim <command> --help`,
 * `regsim help <command>` and `regsim --help` print. Every flag a command accepts is listed here
 * (a test holds each command's parser to it).
 */
import { DEFAULT_POOL_MIN_CHUNKS } from '../parallel/threadCount.ts';
import { BENCH_DEFAULTS } from '../throughput/runBench.ts';
import { VERIFY_DEFAULTS } from '../verify/defaults.ts';

/** One flag (or positional argument) and what it does, defaults included. */
type Option = readonly [flag: string, meaning: string];

/** A command's help. */
export interface CommandUsage {
  /** The one-line summary `regsim --help` lists. */
  readonly summary: string;
  /** How to call it, one line per form. */
  readonly synopsis: readonly string[];
  readonly options: readonly Option[];
  /** What the exit codes mean for this command. */
  readonly exit: readonly string[];
  readonly examples: readonly string[];
}

const INTERNAL_ERROR = '70  an internal error of regsim (a bug: please report it)';

/** The usage of each command, in the order `regsim --help` lists them. */
export const USAGE = {
  list: {
    summary: 'implementations, invariants and the shipped scenarios',
    synopsis: ['regsim list [--json]'],
    options: [['--json', 'print one JSON document instead of the text listing']],
    exit: ['0   listed', '2   a usage error', INTERNAL_ERROR],
    examples: ['regsim list', 'regsim list --json'],
  },
  replay: {
    summary: "run a scenario's scripted schedule, or reproduce a counterexample from its token",
    synopsis: [
      'regsim replay <scenario> --impl <name> [--json] [--strict] [--schedule-timeout 10s]',
      'regsim replay <token> [--impl <name>] [--json] [--strict] [--schedule-timeout 10s]',
    ],
    options: [
      [
        '<scenario>',
        'a scenario file, a path as `regsim list` prints it (scenarios/known/R1.json), or a shipped scenario named without scenarios/ and .json (known/R1); works from any folder',
      ],
      ['<token>', 'a replay token (regsim1.…) printed by `regsim fuzz`'],
      [
        '--impl <name>',
        "an implementation (see `regsim list`) or a plugin module path (./my-registry.ts); a token's own implementation by default",
      ],
      ['--json', 'print the trace, history and violations as one JSON document'],
      ['--strict', 'fail (exit 2) when the run diverges from the scripted schedule'],
      [
        '--schedule-timeout <duration>',
        'a plugin replays on a supervised worker thread: a run still going after this long is a hang violation naming the step it hung in (default 10s)',
      ],
    ],
    exit: [
      '0   no violation',
      '1   violations',
      '2   a usage error: bad flags, an unreadable scenario, a corrupt token, a divergence under --strict',
      INTERNAL_ERROR,
    ],
    examples: ['regsim replay known/R1 --impl r0', 'regsim replay scenarios/known/R2.json --impl v836'],
  },
  check: {
    summary: 'check histories for linearizability',
    synopsis: ['regsim check --model registry|etcd|kv <file...> [--json] [--timeout 10s] [--no-partition]'],
    options: [
      ['<file...>', 'history files: registry JSON lines, Jepsen etcd logs or kv EDN, per --model'],
      ['--model <name>', 'registry, etcd or kv (required)'],
      ['--timeout <duration>', 'time allowed per file, like 500ms, 10s or 2m (default 10s)'],
      ['--json', 'one JSON object per file, one per line'],
      [
        '--no-partition',
        'check each history whole instead of key by key (from 64 operations an ok history can still be decided by groups found by an input field; the verdict says so)',
      ],
    ],
    exit: [
      '0   every history is linearizable',
      '1   some history is not linearizable',
      '2   a bad input (usage, an unreadable or malformed file); wins over 1 and 3',
      '3   some check ran out of time (and none is illegal)',
      INTERNAL_ERROR,
    ],
    examples: ['regsim check --model registry history.jsonl'],
  },
  fuzz: {
    summary: 'explore schedules, shrink what fails to minimal counterexamples with replay tokens',
    synopsis: [
      'regsim fuzz --impl <name[,name]> [--strategy random|pct|pos|rff|surw|dfs|dpor|portfolio] [--depth d]',
      '            [--traces-per-scenario N] [--preemption-bound b]',
      '            [--schedules N] [--seed S] [--time-budget 60s] [--schedule-timeout 10s] [--until-first|--all] [--json]',
      '            [--scenario <scenario>] [--threads T] [--shard i/n] [--report dir] [--junit file]',
    ],
    options: [
      [
        '--impl <name[,name]>',
        'implementations (see `regsim list`) or plugin module paths; several compare the same scenarios (required)',
      ],
      [
        '--strategy <name>',
        'random, pct, pos, rff (reads-from fuzzing), surw (selectively uniform random walk) — rff and surw need many schedules of one scenario, as with --scenario —, dfs (bounded exhaustive by preemptions), dpor (one schedule per Mazurkiewicz trace; reports traces and complete) or portfolio (default pct)',
      ],
      [
        '--depth <d>',
        "PCT's bug depth (d−1 priority change points), for pct and portfolio's PCT member (default 3)",
      ],
      [
        '--traces-per-scenario <N>',
        'dpor: traces per scenario before it moves on (default: the whole budget with --scenario, 1000 per generated scenario)',
      ],
      [
        '--preemption-bound <b>',
        'dfs and dpor: preemptions a schedule may make (default 3 for dfs, unbounded for dpor; a bounded dpor never reports complete)',
      ],
      ['--schedules <N>', 'schedules to explore (default 10000)'],
      ['--seed <S>', 'the seed; the same seed and arguments find the same failures (default 1)'],
      ['--time-budget <duration>', 'exploration time over all implementations, like 60s or 2m (default 60s)'],
      [
        '--schedule-timeout <duration>',
        'a schedule still running after this long is a hang finding (its schedule, the step it hung in, a replay token); plugins run on supervised worker threads so that one can be stopped (default 10s, at most the time budget)',
      ],
      ['--until-first', 'stop at the first violation'],
      ['--all', 'explore every schedule and report every violated invariant (the default)'],
      ['--json', 'print one JSON document (what `regsim merge` reads)'],
      [
        '--scenario <scenario>',
        'explore one scenario instead of generated ones: a file, a listed path or a shipped name (known/R2)',
      ],
      [
        '--threads <T>',
        `worker threads scanning the campaign: at most one per 500-schedule chunk, a warning above the core count (default: 1 when the run scans fewer than ${DEFAULT_POOL_MIN_CHUNKS} chunks, else one per core)`,
      ],
      [
        '--shard <i/n>',
        "scan only the i-th of n slices of the campaign's chunks (combine with regsim merge)",
      ],
      ['--report <dir>', 'write an HTML report with a timeline of each counterexample to dir/index.html'],
      ['--junit <file>', 'write JUnit XML for CI systems'],
    ],
    exit: [
      '0   no violation, every schedule asked for explored (a --shard holding no chunk explores none and passes)',
      '1   violations (a hang is one), or the run is not a pass: a batch failed (its schedules were not checked),',
      '    0 schedules were explored, or an implementation is not deterministic (its findings that replay are printed)',
      '2   a usage error',
      INTERNAL_ERROR,
    ],
    examples: [
      'regsim fuzz --impl r0 --strategy pct --schedules 5000 --all',
      'regsim fuzz --impl r0,actor --strategy portfolio --time-budget 60s',
      'regsim fuzz --impl v836 --strategy dfs --scenario known/R2',
      'regsim fuzz --impl ./my-registry.ts --until-first',
    ],
  },
  verify: {
    summary: 'bounded verification: every interleaving of every scenario within a bound, up to symmetry',
    synopsis: [
      'regsim verify --impl <name> [--universe small|medium] [--tasks 2..3] [--ops 1] [--max-traces N]',
      '              [--shard i/n] [--json]',
    ],
    options: [
      ['--impl <name>', 'an implementation (see `regsim list`) or a plugin module path (required)'],
      [
        '--universe <name>',
        'small: URLs U1, U2, workers A = ({a}, Regular, Http) and B = ({b}, Prefill, Grpc) on each, a setup of at most one worker; medium: also C = ({a, b}, Decode, Http) and setups of two workers (default small)',
      ],
      [
        '--tasks <a..b>',
        `concurrent tasks per scenario, a count or a range (default ${VERIFY_DEFAULTS.tasks.min}..${VERIFY_DEFAULTS.tasks.max})`,
      ],
      [
        '--ops <a..b>',
        `write operations per task, a count or a range (default ${VERIFY_DEFAULTS.ops.min}); smaller scenarios run first`,
      ],
      [
        '--max-traces <N>',
        `traces explored per scenario before it counts as incomplete (default ${VERIFY_DEFAULTS.maxTraces})`,
      ],
      ['--shard <i/n>', 'run only scenarios k with k mod n = i − 1 (combine with regsim merge)'],
      ['--json', 'print one JSON document (what `regsim merge` reads)'],
    ],
    exit: [
      '0   verified: no violation in any interleaving of any scenario within the bound',
      '1   a counterexample (the first failing scenario, with its replay token), or an implementation that is not deterministic',
      '2   a usage error: bad flags, an unknown implementation or universe, a bad range',
      '3   incomplete: some scenario was not explored to its end within --max-traces, so nothing is verified',
      INTERNAL_ERROR,
    ],
    examples: [
      'regsim verify --impl actor',
      'regsim verify --impl r0 --tasks 2 --ops 1..2',
      'regsim verify --impl actor --tasks 2 --ops 2 --shard 1/4 --json > shard-1.json',
    ],
  },
  merge: {
    summary: 'combine the `fuzz --shard i/n --json` (or `verify --shard i/n --json`) results of one run',
    synopsis: ['regsim merge <result.json...> [--json]'],
    options: [
      [
        '<result.json...>',
        'the shards’ `regsim fuzz --shard i/n --json` outputs, or the shards’ `regsim verify --shard i/n --json` outputs',
      ],
      ['--json', "print the merged result in fuzz's (or verify's) JSON shape plus its shards"],
    ],
    exit: [
      '0   no violation in any shard (verify: every shard present and verified)',
      '1   violations (verify: a counterexample, the one at the smallest scenario over all shards)',
      '2   a usage error: an unreadable or malformed file, results that are not distinct shards of one run',
      '3   verify shards that do not verify the bound: a shard is missing or incomplete',
      INTERNAL_ERROR,
    ],
    examples: ['regsim merge shard-1.json shard-2.json'],
  },
  start: {
    summary:
      'the default job (npm start): known interleavings, a campaign and a bounded verification on every implementation',
    synopsis: ['regsim start [--time-budget 40s] [--seed S] [--report dir]'],
    options: [
      ['--time-budget <duration>', "the campaign's exploration time over all implementations (default 40s)"],
      ['--seed <S>', "the campaign's seed (default 1)"],
      ['--report <dir>', 'where the HTML report goes (default report/, i.e. report/index.html)'],
    ],
    exit: [
      '0   the job ran to its end, whatever it found: the historical versions are meant to break',
      '    invariants, so findings are its output, not a failure (use fuzz for a pass/fail verdict)',
      '2   a usage error',
      INTERNAL_ERROR,
    ],
    examples: ['regsim start', 'regsim start --time-budget 2m --report out'],
  },
  bench: {
    summary: 'throughput of registries, built in or plugins, side by side on the same seeded operations',
    synopsis: [
      'regsim bench --impl <name[,name…]|./module.ts> [--workload hot|spread] [--urls N] [--models M]',
      '             [--mix read-heavy|churn|write-only|<custom weights>] [--ops N] [--rounds R]',
      '             [--concurrency C] [--json] [--baseline <name>] [--report dir]',
    ],
    options: [
      [
        '--impl <names>',
        'built-in implementations and/or plugin modules, comma-separated (split API: r0, v836, v1113, head, actor, or ./module.ts)',
      ],
      ['--workload <hot|spread>', 'hot: every call on one URL; spread: --urls URLs (default: both)'],
      ['--urls <N>', 'URLs of the spread workload (default 1000)'],
      ['--models <M>', 'models the spread URLs serve (default: one per 10 URLs)'],
      [
        '--mix <mix>',
        'read-heavy (98% getByUrl/getByModel/ringLookup, 2% writes), churn (register/replace/removeByUrl), write-only (register/removeByUrl), or weights such as getByUrl:8,register:1,removeByUrl:1 (default: read-heavy and churn)',
      ],
      ['--ops <N>', `operations drawn per sequence (default ${BENCH_DEFAULTS.ops})`],
      [
        '--rounds <R>',
        `timed rounds, registries in rotated order; figures are medians (default ${BENCH_DEFAULTS.rounds})`,
      ],
      ['--concurrency <C>', `most calls in flight at once (default ${BENCH_DEFAULTS.concurrency})`],
      ['--baseline <name>', 'the registry the ratios divide by (default: the first --impl)'],
      ['--json', 'every figure, machine info and effective parallelism as JSON'],
      ['--report <dir>', 'write dir/index.html: a bar chart and the figures per cell'],
    ],
    exit: [
      '0   measured',
      '1   a registry answered wrongly: one line names the first wrong answer, and no figures are printed',
      '2   a usage error',
      INTERNAL_ERROR,
    ],
    examples: [
      'regsim bench --impl actor,v1113,v836 --workload spread --urls 1000 --mix churn',
      'regsim bench --impl actor,./examples/plugins/fixed-registry.ts --mix write-only --report bench-report',
    ],
  },
} as const satisfies Readonly<Record<string, CommandUsage>>;

/** A command `regsim` knows. */
export type CommandName = keyof typeof USAGE;

/** The commands, in help order. */
export const COMMAND_NAMES = Object.keys(USAGE) as CommandName[];

/** Whether `name` is a command. */
export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(USAGE, name);
}

/** `regsim --help`: every command with its summary. */
export function overviewHelp(): string[] {
  const width = Math.max(...COMMAND_NAMES.map((n) => n.length)) + 2;
  return [
    'usage: regsim <command> [options]',
    '',
    ...COMMAND_NAMES.map((name) => `  ${name.padEnd(width)}${USAGE[name].summary}`),
    '',
    '  regsim <command> --help (or regsim help <command>) prints the command with all its options;',
    '  regsim --version prints the version.',
  ];
}

/** `regsim <command> --help`: synopsis, every option, exit codes and examples. */
export function commandHelp(name: CommandName): string[] {
  const usage: CommandUsage = USAGE[name];
  const width = Math.max(...usage.options.map(([flag]) => flag.length)) + 2;
  return [
    ...usage.synopsis.map((line, i) => (i === 0 ? `usage: ${line}` : `       ${line}`)),
    '',
    usage.summary,
    '',
    'options:',
    ...usage.options.map(([flag, meaning]) => `  ${flag.padEnd(width)}${meaning}`),
    '',
    'exit codes:',
    ...usage.exit.map((line) => `  ${line}`),
    '',
    'examples:',
    ...usage.examples.map((line) => `  ${line}`),
  ];
}
