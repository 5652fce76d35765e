/**
 * Harness worker: loads the tiny BERT through src/ml/sbert (transformers.js + onnxruntime-web) the
 * way workers/ml.worker.ts does — selectDevice, then WebGPU → WASM with firstWorkingDevice, the
 * app's ORT wasm asset URLs and dtype 'q8' — embeds the texts and posts the vectors back.
 */
import type { Embedder } from '../../../src/ml/embedder';
import { ORT_WASM_PATHS } from '../../../src/ml/sbert/assets';
import { firstWorkingDevice, selectDevice, type BrowserDevice, type GpuNavigator } from '../../../src/ml/sbert/device';
import { loadSbert } from '../../../src/ml/sbert/embedder';
import type { RunReply, RunRequest, RunResult } from './protocol';

async function probe(): Promise<RunResult['probe']> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: { vendor?: string; architecture?: string; description?: string } } | null> } }).gpu;
  const out: RunResult['probe'] = { hasGpu: !!gpu, adapter: false, crossOriginIsolated: self.crossOriginIsolated };
  if (!gpu) return out;
  try {
    const a = await gpu.requestAdapter();
    out.adapter = !!a;
    if (a?.info) out.adapterInfo = [a.info.vendor, a.info.architecture, a.info.description].filter(Boolean).join(' / ');
  } catch (err) {
    out.adapterError = String(err);
  }
  return out;
}

async function run(req: RunRequest): Promise<RunResult> {
  const seen = await probe();
  let selected: BrowserDevice | undefined;
  let devices: readonly BrowserDevice[];
  if (req.mode === 'auto') {
    selected = await selectDevice(navigator as GpuNavigator);
    devices = selected === 'webgpu' ? ['webgpu', 'wasm'] : ['wasm'];
  } else devices = [req.mode];
  // The same module instance loadSbert imports and configures (one transformers.js chunk).
  const { env } = await import('@huggingface/transformers');
  if (req.logLevel !== undefined) env.logLevel = req.logLevel;
  const tried: string[] = [];
  const t0 = performance.now();
  const { device, value: embedder } = await firstWorkingDevice<BrowserDevice, Embedder>(devices, (d) => {
    tried.push(d);
    return loadSbert({ localModelPath: req.localModelPath, modelId: req.modelId, device: d, dtype: 'q8', wasmPaths: ORT_WASM_PATHS });
  });
  const loadMs = performance.now() - t0;
  try {
    const t1 = performance.now();
    const batched = await embedder.embed(req.texts);
    const single: Float32Array[] = [];
    for (const text of req.texts) single.push((await embedder.embed([text]))[0]!);
    const embedMs = performance.now() - t1;
    return {
      probe: seen,
      ...(selected ? { selected } : {}),
      tried,
      device,
      embedderId: embedder.id,
      ...(embedder.device ? { embedderDevice: embedder.device } : {}),
      dim: embedder.dim,
      env: {
        allowRemoteModels: env.allowRemoteModels,
        allowLocalModels: env.allowLocalModels,
        localModelPath: env.localModelPath,
        useBrowserCache: env.useBrowserCache,
        wasmPaths: env.backends.onnx.wasm?.wasmPaths,
      },
      batched: batched.map((v) => Array.from(v)),
      single: single.map((v) => Array.from(v)),
      loadMs,
      embedMs,
    };
  } finally {
    embedder.dispose();
  }
}

self.onmessage = (e: MessageEvent<RunRequest>) => {
  run(e.data).then(
    (result): void => self.postMessage({ ok: true, result } satisfies RunReply),
    (err: unknown): void => {
      const e2 = err as { name?: string; code?: string; message?: string; cause?: { message?: string } } | null;
      const error = [e2?.name, e2?.code, e2?.message ?? String(err), e2?.cause?.message && `cause: ${e2.cause.message}`].filter(Boolean).join(': ');
      self.postMessage({ ok: false, error } satisfies RunReply);
    },
  );
};
