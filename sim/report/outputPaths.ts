/**
 * Where the reports go. The paths are checked before a campaign starts, so a report that cannot
 * be written fails at once instead of after minutes of exploring. Directories are created one
 * level at a time: Node's recursive mkdir never returns on a path like `/proc/x`, whose parent
 * exists but answers ENOENT for every new entry.
 */
import { closeSync, mkdirSync, openSync, rmdirSync, type Stats, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The outputs a campaign was asked for, as given on the command line. */
export interface ReportPaths {
  /** Directory for `index.html` (`--report`). */
  readonly reportDir?: string | undefined;
  /** File for the JUnit XML (`--junit`). */
  readonly junitFile?: string | undefined;
}

/** The HTML report's file in its directory. */
export function htmlReportFile(reportDir: string): string {
  return join(resolve(reportDir), 'index.html');
}

/**
 * One line saying why a requested report cannot be written, or undefined when both can. Leaves
 * the file system as it was: a probe directory or file is removed again, an existing report is
 * opened for writing but not truncated.
 */
export function checkReportTargets(paths: ReportPaths): string | undefined {
  const html = paths.reportDir === undefined ? undefined : htmlReportFile(paths.reportDir);
  const junit = paths.junitFile === undefined ? undefined : resolve(paths.junitFile);
  if (html !== undefined && html === junit) return `--junit ${paths.junitFile}: the HTML report goes there`;
  const reportProblem = html === undefined ? undefined : whyNotWritable(html);
  if (reportProblem !== undefined) return `--report ${paths.reportDir}: ${reportProblem}`;
  const junitProblem = junit === undefined ? undefined : whyNotWritable(junit);
  if (junitProblem !== undefined) return `--junit ${paths.junitFile}: ${junitProblem}`;
  return undefined;
}

/** Creates `dir` and its missing parents (like `mkdir -p`, but failing rather than looping). */
export function createDirectories(dir: string): void {
  const missing: string[] = [];
  for (let path = resolve(dir); statIfExists(path) === undefined; path = dirname(path)) missing.unshift(path);
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (error) {
      // Another process (a parallel shard) may have made it in the meantime.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function whyNotWritable(file: string): string | undefined {
  try {
    const existing = statIfExists(file);
    if (existing?.isDirectory()) return `${file} is a directory`;
    if (existing !== undefined) {
      closeSync(openSync(file, 'r+'));
      return undefined;
    }
    // Create what the report would create first, then take it away again.
    const first = firstMissing(file);
    if (first === file) {
      closeSync(openSync(file, 'wx'));
      unlinkSync(file);
    } else {
      mkdirSync(first);
      rmdirSync(first);
    }
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The outermost missing component of `path` (whose parent exists). */
function firstMissing(path: string): string {
  let missing = path;
  while (statIfExists(dirname(missing)) === undefined) missing = dirname(missing);
  return missing;
}

/** `stat`, or undefined when nothing is there; other errors (ENOTDIR, EACCES, …) are thrown. */
function statIfExists(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
