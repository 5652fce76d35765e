/**
 * Universal Sentence Encoder lite (512-d) on TensorFlow.js' wasm backend, with our own
 * SentencePiece tokenizer. Environment-agnostic: files come through a FileSource and the wasm
 * binaries from explicit paths, so nothing is fetched from a CDN.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { l2Normalize } from '../../core/semantic/vector';
import { EmbedderError, type Embedder, type ProgressCallback } from '../embedder';
import { ByteProgress, type FileSource } from '../sources';
import { installSplitBatchMatMul } from './batch-matmul';
import { USE_LITE_DIM, USE_LITE_FILE_BYTES, USE_LITE_FILES, USE_LITE_ID, USE_LITE_MAX_TOKENS, type TfjsWasmPaths } from './model';
import { SentencePieceTokenizer, SP_SPACE, UNK_ID, type VocabEntry } from './tokenizer';

export interface UseLiteOptions {
  /** Where model.json, vocab.json and the weight shards are read from. */
  source: FileSource;
  /** Where the three tfjs wasm binaries are (URLs in the browser, file paths in Node). */
  wasmPaths: TfjsWasmPaths;
  /** Byte progress while the model files load. */
  onProgress?: ProgressCallback;
  /** XNNPACK threads when the page is cross-origin isolated (tfjs default: all cores). */
  threads?: number;
  /** Upper bound on padded tokens (texts × longest text) per graph call. Default 2048. */
  maxBatchTokens?: number;
  /** Tokens read per text, at most the graph's 128 (cost is linear in tokens). Default 128. */
  maxTokens?: number;
}

interface ModelJson {
  modelTopology: unknown;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** Bytes a weights manifest group will take on the wire (from shapes and dtypes). */
function expectedWeightBytes(weights: readonly tf.io.WeightsManifestEntry[]): number {
  let total = 0;
  for (const w of weights) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    total += n * (DTYPE_BYTES[w.quantization?.dtype ?? w.dtype] ?? 4);
  }
  return total;
}

let backendReady: Promise<void> | undefined;

/** Initialises tfjs' wasm backend once per realm with explicit binary locations. */
function ensureWasmBackend(wasmPaths: TfjsWasmPaths, threads?: number): Promise<void> {
  backendReady ??= (async () => {
    setWasmPaths(wasmPaths);
    // Attention products through XNNPACK instead of tfjs' scalar loop (batch-matmul.ts).
    installSplitBatchMatMul();
    // tfjs 4.22's threaded build spawns pthread workers from a blob whose glue breaks once bundled
    // ("e is not defined"), so the threaded binary is only used when explicitly asked for. A query
    // embeds in ~10 ms on one thread; the catalogue is embedded at build time.
    if (threads !== undefined && threads > 1) setThreadsCount(threads);
    else tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!(await tf.setBackend('wasm'))) throw new EmbedderError('LOAD_FAILED', 'the TensorFlow.js wasm backend did not initialise');
    await tf.ready();
  })().catch((err: unknown) => {
    backendReady = undefined;
    throw err instanceof EmbedderError ? err : new EmbedderError('LOAD_FAILED', 'the TensorFlow.js wasm backend did not initialise', { cause: err });
  });
  return backendReady;
}

const decodeJson = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));

/** Loads USE-lite and returns it as an Embedder. */
export async function loadUseLite(opts: UseLiteOptions): Promise<Embedder> {
  const { source } = opts;
  const progress = new ByteProgress(opts.onProgress);
  for (const [name, bytes] of Object.entries(USE_LITE_FILE_BYTES)) progress.expect(name, bytes);
  const backend = ensureWasmBackend(opts.wasmPaths, opts.threads);
  const [modelBytes, vocabBytes] = await Promise.all([
    source.read(USE_LITE_FILES.model, progress.track(USE_LITE_FILES.model)),
    source.read(USE_LITE_FILES.vocab, progress.track(USE_LITE_FILES.vocab)),
  ]);
  let modelJson: ModelJson;
  let vocab: VocabEntry[];
  try {
    modelJson = decodeJson(modelBytes) as ModelJson;
    vocab = decodeJson(vocabBytes) as VocabEntry[];
  } catch (cause) {
    throw new EmbedderError('LOAD_FAILED', `USE-lite model.json or vocab.json in ${source.location} is not JSON`, { cause });
  }
  const groups = modelJson.weightsManifest;
  for (const g of groups) {
    // Files not in USE_LITE_FILE_BYTES (another model folder): estimate from the weight shapes.
    const share = expectedWeightBytes(g.weights) / g.paths.length;
    for (const p of g.paths) if (!(p in USE_LITE_FILE_BYTES)) progress.expect(p, share);
  }
  const shards = await Promise.all(groups.flatMap((g) => g.paths.map((p) => source.read(p, progress.track(p)))));
  await backend;
  let model: GraphModel;
  try {
    model = await loadGraphModel({
      load: async () => ({
        modelTopology: modelJson.modelTopology as tf.io.ModelArtifacts['modelTopology'],
        weightSpecs: groups.flatMap((g) => g.weights),
        weightData: shards.map((s) => s.buffer.slice(s.byteOffset, s.byteOffset + s.byteLength) as ArrayBuffer),
      }),
    });
  } catch (cause) {
    throw new EmbedderError('LOAD_FAILED', `USE-lite graph in ${source.location} could not be built`, { cause });
  }
  return new UseLiteEmbedder(model, new SentencePieceTokenizer(vocab), opts.maxBatchTokens ?? 2048, opts.maxTokens);
}

/** The Embedder over a loaded graph; exported for tests, build it with `loadUseLite`. */
export class UseLiteEmbedder implements Embedder {
  readonly id = USE_LITE_ID;
  readonly dim = USE_LITE_DIM;
  readonly device = 'tfjs-wasm';
  private disposed = false;
  /** Tokens fed for an empty text: the bare word marker, so every text gets a real vector. */
  private readonly emptyIds: number[];

  constructor(
    private readonly model: GraphModel,
    readonly tokenizer: SentencePieceTokenizer,
    private readonly maxBatchTokens: number,
    private readonly maxTokens = USE_LITE_MAX_TOKENS,
  ) {
    this.maxTokens = Math.max(1, Math.min(maxTokens, USE_LITE_MAX_TOKENS));
    const space = tokenizer.idOf(SP_SPACE);
    this.emptyIds = [space >= 0 ? space : UNK_ID];
  }

  /** Token ids as the graph sees them (truncated to the graph's limit). */
  tokenize(text: string): number[] {
    const ids = this.tokenizer.encode(text);
    if (ids.length === 0) return this.emptyIds;
    return ids.length > this.maxTokens ? ids.slice(0, this.maxTokens) : ids;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (this.disposed) throw new EmbedderError('DISPOSED', 'USE-lite embedder used after dispose()');
    const ids = texts.map((t) => this.tokenize(t));
    // Shortest first, so each batch pads little; results go back to input order.
    const order = ids.map((_, i) => i).sort((a, b) => ids[a]!.length - ids[b]!.length);
    const out: Float32Array[] = new Array(texts.length);
    let start = 0;
    while (start < order.length) {
      let end = start + 1;
      while (end < order.length && (end - start + 1) * ids[order[end]!]!.length <= this.maxBatchTokens) end++;
      const batch = order.slice(start, end);
      const vecs = await this.run(batch.map((i) => ids[i]!));
      batch.forEach((i, r) => (out[i] = vecs[r]!));
      start = end;
    }
    return out;
  }

  /** One graph call: the model takes a sparse [texts × tokens] id matrix as (indices, values). */
  private async run(batch: readonly number[][]): Promise<Float32Array[]> {
    const n = batch.reduce((s, b) => s + b.length, 0);
    const indices = new Int32Array(n * 2);
    const values = new Int32Array(n);
    let k = 0;
    batch.forEach((seq, row) => {
      seq.forEach((id, col) => {
        indices[2 * k] = row;
        indices[2 * k + 1] = col;
        values[k++] = id;
      });
    });
    const ti = tf.tensor2d(indices, [n, 2], 'int32');
    const tv = tf.tensor1d(values, 'int32');
    let result: tf.Tensor | undefined;
    try {
      result = (await this.model.executeAsync({ indices: ti, values: tv })) as tf.Tensor;
      const flat = (await result.data()) as Float32Array;
      return batch.map((_, r) => l2Normalize(flat.subarray(r * USE_LITE_DIM, (r + 1) * USE_LITE_DIM)));
    } finally {
      ti.dispose();
      tv.dispose();
      result?.dispose();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.model.dispose();
  }
}
