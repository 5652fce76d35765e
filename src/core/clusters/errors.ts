/** Typed errors of the taste-cluster module: callers switch on `code`, the message says what to fix. */

/** Stable codes for everything the cluster code refuses. */
export type ClusterErrorCode =
  | 'ERR_CLUSTER_OPTIONS' // an option is out of range (k, iterations, range of k)
  | 'ERR_CLUSTER_INPUT'; // points, labels or data do not fit together

/** An input or option the clustering cannot work with. */
export class ClusterError extends Error {
  constructor(
    readonly code: ClusterErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ClusterError';
  }
}
