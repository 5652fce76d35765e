/** The one interface every sentence encoder implements, plus its load-progress and error types. */

/** A loaded sentence encoder. Vectors of different `id`s live in different spaces: never mix them. */
export interface Embedder {
  /** Stable identifier of the vector space, e.g. "use-lite-512@energetic-ai-0.2.0". */
  readonly id: string;
  /** Length of every vector `embed` returns. */
  readonly dim: number;
  /** Where it runs, for display and benchmarks (e.g. "tfjs-wasm-simd", "ort-webgpu"). */
  readonly device?: string;
  /** Embeds each text; every vector has unit L2 norm (an empty text gets the encoder's empty-text vector). */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Frees model memory; the embedder must not be used afterwards. */
  dispose(): void;
}

/** Bytes of model files fetched so far out of the expected total (total may grow as sizes become known). */
export interface LoadProgress {
  loaded: number;
  total: number;
}

/** Called by loaders as model bytes arrive. */
export type ProgressCallback = (progress: LoadProgress) => void;

export type EmbedderErrorCode =
  /** A model file is missing (404, ENOENT). */
  | 'MODEL_NOT_FOUND'
  /** The files were found but the model could not be built or run. */
  | 'LOAD_FAILED'
  /** `embed` was called after `dispose`. */
  | 'DISPOSED';

/** Error thrown by encoders and loaders, with a stable `code`. */
export class EmbedderError extends Error {
  override readonly name = 'EmbedderError';
  constructor(
    readonly code: EmbedderErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
