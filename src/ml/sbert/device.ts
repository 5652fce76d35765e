/** Picks the ONNX Runtime device for transformers.js: WebGPU when an adapter exists, else WASM. */

/** The part of `navigator` the choice depends on (typed loosely: `navigator.gpu` is not in every lib). */
export interface GpuNavigator {
  gpu?: { requestAdapter(): Promise<unknown> };
}

export type BrowserDevice = 'webgpu' | 'wasm';

/** 'webgpu' when `nav.gpu.requestAdapter()` resolves to an adapter; 'wasm' when it is absent, null or throws. */
export async function selectDevice(nav: GpuNavigator | undefined): Promise<BrowserDevice> {
  if (!nav?.gpu || typeof nav.gpu.requestAdapter !== 'function') return 'wasm';
  try {
    return (await nav.gpu.requestAdapter()) ? 'webgpu' : 'wasm';
  } catch {
    // Some browsers expose navigator.gpu but reject when WebGPU is blocklisted: use WASM.
    return 'wasm';
  }
}

/**
 * Runs `load(device)` for each device in order until one succeeds (WebGPU can fail after an adapter
 * was found: missing features, lost device, an op without a WebGPU kernel). Rethrows the last error.
 */
export async function firstWorkingDevice<D extends string, T>(devices: readonly D[], load: (device: D) => Promise<T>): Promise<{ device: D; value: T }> {
  let last: unknown = new Error('no device to try');
  for (const device of devices) {
    try {
      return { device, value: await load(device) };
    } catch (err) {
      last = err;
    }
  }
  throw last;
}
