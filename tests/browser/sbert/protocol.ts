/** Messages between the harness page, its worker and the Playwright spec (all structured-cloneable). */

/** 'auto' runs the app's choice (selectDevice, then WebGPU → WASM); 'wasm'/'webgpu' force one device. */
export type DeviceMode = 'auto' | 'wasm' | 'webgpu';

export interface RunRequest {
  mode: DeviceMode;
  /** URL path of the folder holding `<modelId>/` (a path, not a full URL: see STACK.md). */
  localModelPath: string;
  modelId: string;
  texts: string[];
  /** transformers.js log level (LogLevel: 10 debug → ORT verbose, shows node placement; 30 warning, the default). */
  logLevel?: number;
}

export interface RunResult {
  /** What the worker itself saw before loading. */
  probe: { hasGpu: boolean; adapter: boolean; adapterInfo?: string; adapterError?: string; crossOriginIsolated: boolean };
  /** selectDevice's answer (only for mode 'auto'). */
  selected?: 'webgpu' | 'wasm';
  /** Devices tried, in order, and the one that loaded. */
  tried: string[];
  device: string;
  /** Embedder fields. */
  embedderId: string;
  embedderDevice?: string;
  dim: number;
  /** transformers.js settings after loading (the offline guarantees). */
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string; useBrowserCache: boolean; wasmPaths: unknown };
  /** One batched call, then one call per text. */
  batched: number[][];
  single: number[][];
  loadMs: number;
  embedMs: number;
}

/** What the worker posts back: a result or an error message. */
export type RunReply = { ok: true; result: RunResult } | { ok: false; error: string };
