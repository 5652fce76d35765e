/** Worker thread of the embedding pool: loads the encoder once, then embeds the batches it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Embedder } from '../../src/ml/embedder';
import { loadUseLiteNode } from '../../src/ml/node/use-lite';
import type { PoolRequest, PoolResponse, PoolWorkerData } from './embed-pool';

const port = parentPort!;
const data = workerData as PoolWorkerData;
const send = (msg: PoolResponse, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer);

async function main(): Promise<void> {
  const t0 = performance.now();
  let embedder: Embedder;
  try {
    embedder = await loadUseLiteNode({ ...(data.modelDir && { modelDir: data.modelDir }), ...(data.maxTokens && { maxTokens: data.maxTokens }) });
  } catch (err) {
    send({ type: 'error', message: `encoder failed to load: ${(err as Error).message}` });
    return;
  }
  send({ type: 'ready', loadMs: performance.now() - t0, id: embedder.id, dim: embedder.dim });
  port.on('message', (req: PoolRequest) => {
    if (req.type === 'stop') {
      embedder.dispose();
      port.close();
      return;
    }
    embedder.embed(req.texts).then(
      (vecs) => {
        const flat = new Float32Array(vecs.length * embedder.dim);
        vecs.forEach((v, i) => flat.set(v, i * embedder.dim));
        send({ type: 'done', batch: req.batch, vectors: flat }, [flat.buffer]);
      },
      (err: unknown) => send({ type: 'error', message: (err as Error).message, batch: req.batch }),
    );
  });
}

void main();
