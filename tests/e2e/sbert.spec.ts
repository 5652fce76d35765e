/**
 * The Sentence-BERT path (src/ml/sbert: transformers.js + onnxruntime-web) in a module worker in
 * Chromium, on the generated tiny BERT, against the plain-JS reference in scripts/ml/tiny-bert.ts:
 * on WASM, on WebGPU when Chromium exposes an adapter (a separate Chromium with
 * --enable-unsafe-webgpu), and the fallback to WASM when there is no adapter. The harness
 * (tests/browser/) is built with its own Vite config into a temp folder and served by `vite preview`
 * on 127.0.0.1 (port SBERT_HARNESS_PORT, default: any free port); nothing may leave that server.
 */
import { chromium, type BrowserContext } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import { referenceEmbed, TINY_HIDDEN, TINY_MODEL_ID } from '../../scripts/ml/tiny-bert';
import { sbertEncoderId } from '../../src/ml/sbert/embedder';
import type { DeviceMode, RunReply, RunRequest, RunResult } from '../browser/sbert/protocol';
// `test` fails on any Content-Security-Policy violation: the harness page carries the app's policy.
import { expect, test, type Page } from './helpers';

const HARNESS_CONFIG = join(import.meta.dirname, '..', 'browser', 'vite.config.ts');
const PORT = Number(process.env.SBERT_HARNESS_PORT ?? 0);

/** The same texts as the Node test (tests/unit/ml/sbert-tiny.test.ts): WordPiece splits, accents, empty. */
const TEXTS = ['A spaceship travels to a distant galaxy.', 'Astronauts explore outer space!', 'a romantic comedy about a wedding', 'Zebra?', 'Ünïcödé dogs, cats', ''];

/**
 * |diff| allowed against the float64 reference. The graph is Gather → Tanh in float32, then mean
 * pooling and L2 normalisation in transformers.js (JS, on the CPU for both devices): the float32
 * rounding is ~1e-7, so 1e-5 leaves two orders of magnitude. WebGPU's tanh runs as a WGSL shader
 * (SwiftShader here); it holds to the same bound (measured max |diff| is annotated on each test).
 */
const TOLERANCE = 1e-5;

let server: PreviewServer;
let origin: string;
let outDir: string;

test.beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'sbert-harness-'));
  await build({ configFile: HARNESS_CONFIG, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  server = await preview({ configFile: HARNESS_CONFIG, logLevel: 'error', build: { outDir }, preview: { port: PORT, strictPort: PORT !== 0 } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL for the Sentence-BERT harness');
  origin = new URL(url).origin;
});

test.afterAll(async () => {
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

interface Run {
  result: RunResult;
  /** Every URL the browser context requested while the page and worker ran. */
  requests: string[];
  /** ONNX Runtime's node placement (from its verbose log in the worker), e.g. "WebGpuExecutionProvider". */
  placement: string | undefined;
}

/** transformers.js LogLevel.DEBUG: ORT logs verbosely, including where each graph node was placed. */
const LOG_DEBUG = 10;

/** Opens the harness in `context`, runs one request in a fresh module worker, logs requests and ORT's node placement. */
async function runInWorker(context: BrowserContext, page: Page, mode: DeviceMode): Promise<Run> {
  const requests: string[] = [];
  let placement: string | undefined;
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    const placed = /All nodes placed on \[(\w+)\]/.exec(m.text());
    if (placed) placement = placed[1];
  });
  await page.goto(`${origin}/`);
  await expect(page.locator('body[data-ready="true"]')).toHaveCount(1);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(1);
  const req: RunRequest = { mode, localModelPath: '/models/', modelId: TINY_MODEL_ID, texts: TEXTS, logLevel: LOG_DEBUG };
  const reply = await page.evaluate((r) => window.runSbert(r), req);
  if (!reply.ok) throw new Error(`harness worker failed (${mode}): ${(reply as Extract<RunReply, { ok: false }>).error}`);
  return { result: reply.result, requests, placement };
}

/** Max |diff| of every batched and single vector against the reference; asserts shapes on the way. */
function maxDiffFromReference(r: RunResult): number {
  expect(r.embedderId).toBe(sbertEncoderId(TINY_MODEL_ID));
  expect(r.dim).toBe(TINY_HIDDEN);
  expect(r.batched).toHaveLength(TEXTS.length);
  expect(r.single).toHaveLength(TEXTS.length);
  let max = 0;
  for (const [i, text] of TEXTS.entries()) {
    const ref = referenceEmbed(text);
    for (const v of [r.batched[i]!, r.single[i]!]) {
      expect(v).toHaveLength(TINY_HIDDEN);
      for (let h = 0; h < TINY_HIDDEN; h++) max = Math.max(max, Math.abs(v[h]! - ref[h]!));
    }
  }
  return max;
}

/** Offline: every request went to the harness server, and the log did see the worker's model and wasm fetches. */
function expectOnlyLocalRequests(run: Run): void {
  const foreign = run.requests.filter((u) => new URL(u).origin !== origin);
  expect(foreign, 'requests to other origins').toEqual([]);
  const paths = run.requests.map((u) => new URL(u).pathname);
  expect(paths).toContain(`/models/${TINY_MODEL_ID}/onnx/model_quantized.onnx`);
  expect(paths).toContain(`/models/${TINY_MODEL_ID}/tokenizer.json`);
  expect(paths.some((p) => /\/assets\/ort-wasm-simd-threaded\.asyncify-[\w-]+\.wasm$/.test(p))).toBe(true);
  const { env } = run.result;
  expect(env).toMatchObject({ allowRemoteModels: false, allowLocalModels: true, localModelPath: '/models/', useBrowserCache: false });
  const wasmPaths = env.wasmPaths as { wasm: string; mjs: string };
  expect(new URL(wasmPaths.wasm, origin).origin).toBe(origin);
  expect(new URL(wasmPaths.mjs, origin).origin).toBe(origin);
}

function annotate(device: string, max: number, r: RunResult): void {
  const figures = `max |diff| ${max.toExponential(2)}; load ${r.loadMs.toFixed(0)} ms; ${TEXTS.length * 2} embeddings ${r.embedMs.toFixed(0)} ms; crossOriginIsolated ${r.probe.crossOriginIsolated}`;
  test.info().annotations.push({ type: `sbert ${device}`, description: figures });
  console.log(`sbert ${device}: ${figures}`);
}

test('Sentence-BERT on WASM in a module worker matches the plain-JS reference', async ({ context, page }) => {
  const run = await runInWorker(context, page, 'wasm');
  expect(run.result.tried).toEqual(['wasm']);
  expect(run.result.device).toBe('wasm');
  expect(run.result.embedderDevice).toBe('ort-wasm');
  expect(run.placement, 'ORT placed every node on the CPU (WASM) provider').toBe('CPUExecutionProvider');
  const max = maxDiffFromReference(run.result);
  annotate('wasm', max, run.result);
  expect(max).toBeLessThanOrEqual(TOLERANCE);
  expectOnlyLocalRequests(run);
});

test('Sentence-BERT picks WebGPU when Chromium exposes an adapter, and matches the reference', async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // No --disable-gpu, as STACK.md advises (on Chromium 156 here the SwiftShader adapter appears even with it).
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', '--enable-unsafe-webgpu'],
  });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    const adapter = await page.evaluate(async () => {
      const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      return !!(gpu && (await gpu.requestAdapter()));
    });
    test.skip(!adapter, 'this Chromium offers no WebGPU adapter even with --enable-unsafe-webgpu, so the WebGPU path cannot run here (the WASM and fallback tests still ran)');

    const run = await runInWorker(context, page, 'auto');
    expect(run.result.probe.adapter, 'the worker sees the adapter the page saw').toBe(true);
    expect(run.result.selected).toBe('webgpu');
    expect(run.result.tried, 'WebGPU loaded without falling back to WASM').toEqual(['webgpu']);
    expect(run.result.device).toBe('webgpu');
    expect(run.result.embedderDevice).toBe('ort-webgpu');
    expect(run.placement, 'ORT placed every node (Gather, Tanh) on the WebGPU provider, none on the CPU').toBe('WebGpuExecutionProvider');
    const max = maxDiffFromReference(run.result);
    annotate(`webgpu (${run.result.probe.adapterInfo || 'adapter'})`, max, run.result);
    expect(max).toBeLessThanOrEqual(TOLERANCE);
    expectOnlyLocalRequests(run);
  } finally {
    await browser.close();
  }
});

test('without a WebGPU adapter the device choice falls back to WASM and still matches', async ({ context, page }) => {
  const run = await runInWorker(context, page, 'auto');
  expect(run.result.probe.adapter, 'precondition: the default Chromium (no --enable-unsafe-webgpu) must offer no WebGPU adapter, or this test does not exercise the fallback').toBe(false);
  expect(run.result.selected).toBe('wasm');
  expect(run.result.tried).toEqual(['wasm']);
  expect(run.result.device).toBe('wasm');
  expect(run.result.embedderDevice).toBe('ort-wasm');
  expect(run.placement).toBe('CPUExecutionProvider');
  const max = maxDiffFromReference(run.result);
  annotate(`fallback (navigator.gpu ${run.result.probe.hasGpu ? 'present, adapter null' : 'absent'})`, max, run.result);
  expect(max).toBeLessThanOrEqual(TOLERANCE);
  expectOnlyLocalRequests(run);
});
