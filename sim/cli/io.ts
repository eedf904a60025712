/** Where a command writes: standard output and standard error, injectable for tests. */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}
