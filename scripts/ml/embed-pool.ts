/**
 * Embeds many texts with USE-lite on all cores: one worker thread per core, each with its own
 * wasm instance; batches go to whichever worker is idle, longest texts first so the last
 * batches are short and the threads finish together.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export interface PoolWorkerData {
  entry: string;
  modelDir?: string;
  maxTokens?: number;
}
export type PoolRequest = { type: 'embed'; batch: number; texts: string[] } | { type: 'stop' };
export type PoolResponse =
  | { type: 'ready'; loadMs: number; id: string; dim: number }
  | { type: 'done'; batch: number; vectors: Float32Array }
  | { type: 'error'; message: string; batch?: number };

export interface PoolOptions {
  /** Worker threads (default: available cores). */
  threads?: number;
  /** Texts per message to a worker (default 16). */
  batchSize?: number;
  /** USE-lite folder (default: the npm package). */
  modelDir?: string;
  /** Tokens read per text (default: the model's 128). */
  maxTokens?: number;
  /** Called with each finished batch (input indices and their vectors), e.g. to fill a cache. */
  onBatch?: (indices: readonly number[], vectors: Float32Array[]) => void;
  /** Called after each batch with texts done / total. */
  onProgress?: (done: number, total: number) => void;
}

export interface PoolResult {
  vectors: Float32Array[];
  id: string;
  dim: number;
  threads: number;
  /** Slowest worker's model load time. */
  loadMs: number;
}

/** Embeds `texts` (any order) and returns vectors in input order. */
export async function embedInPool(texts: readonly string[], opts: PoolOptions = {}): Promise<PoolResult> {
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), Math.ceil(texts.length / 4) || 1));
  const batchSize = opts.batchSize ?? 16;
  const order = texts.map((_, i) => i).sort((a, b) => texts[b]!.length - texts[a]!.length);
  const batches: number[][] = [];
  for (let i = 0; i < order.length; i += batchSize) batches.push(order.slice(i, i + batchSize));
  const out: Float32Array[] = new Array(texts.length);
  const data: PoolWorkerData = {
    entry: new URL('./embed-worker.ts', import.meta.url).href,
    ...(opts.modelDir && { modelDir: opts.modelDir }),
    ...(opts.maxTokens && { maxTokens: opts.maxTokens }),
  };
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./embed-worker-boot.mjs', import.meta.url), { workerData: data }));
  let next = 0;
  let done = 0;
  let id = '';
  let dim = 0;
  let loadMs = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = 0;
      const feed = (w: Worker) => {
        if (next < batches.length) {
          const b = next++;
          w.postMessage({ type: 'embed', batch: b, texts: batches[b]!.map((i) => texts[i]!) } satisfies PoolRequest);
        } else if (++finished === threads) resolve();
      };
      for (const w of workers) {
        w.on('error', reject);
        w.on('message', (msg: PoolResponse) => {
          if (msg.type === 'error') return reject(new Error(`embedding worker: ${msg.message}`));
          if (msg.type === 'ready') {
            if (id && (msg.id !== id || msg.dim !== dim)) return reject(new Error('embedding workers loaded different encoders'));
            id = msg.id;
            dim = msg.dim;
            loadMs = Math.max(loadMs, msg.loadMs);
            return feed(w);
          }
          const idx = batches[msg.batch]!;
          const vecs = idx.map((_, r) => msg.vectors.subarray(r * dim, (r + 1) * dim));
          idx.forEach((i, r) => (out[i] = vecs[r]!));
          done += idx.length;
          opts.onBatch?.(idx, vecs);
          opts.onProgress?.(done, texts.length);
          feed(w);
        });
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { vectors: out, id, dim, threads, loadMs };
}
