/** An input-data problem, always naming the file and (when known) the line. */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: string,
  ) {
    super(`${file}${line === null ? '' : `:${line}`}: ${problem}`);
    this.name = 'DataError';
  }
}
