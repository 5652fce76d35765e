import { describe, expect, it } from 'vitest';
import { firstWorkingDevice, selectDevice } from './device';

describe('selectDevice', () => {
  it('uses WebGPU only when an adapter is returned', async () => {
    expect(await selectDevice({ gpu: { requestAdapter: async () => ({ name: 'adapter' }) } })).toBe('webgpu');
    expect(await selectDevice({ gpu: { requestAdapter: async () => null } })).toBe('wasm');
  });

  it('falls back to WASM without navigator.gpu or when the request fails', async () => {
    expect(await selectDevice(undefined)).toBe('wasm');
    expect(await selectDevice({})).toBe('wasm');
    expect(await selectDevice({ gpu: { requestAdapter: () => Promise.reject(new Error('blocked')) } })).toBe('wasm');
  });
});

describe('firstWorkingDevice', () => {
  it('falls back to the next device when loading fails', async () => {
    const tried: string[] = [];
    const r = await firstWorkingDevice(['webgpu', 'wasm'] as const, async (d) => {
      tried.push(d);
      if (d === 'webgpu') throw new Error('no shader-f16');
      return `${d}-model`;
    });
    expect(r).toEqual({ device: 'wasm', value: 'wasm-model' });
    expect(tried).toEqual(['webgpu', 'wasm']);
  });

  it('stops at the first success and rethrows the last failure', async () => {
    expect((await firstWorkingDevice(['wasm'], async () => 1)).value).toBe(1);
    await expect(firstWorkingDevice(['a', 'b'], async (d) => Promise.reject(new Error(`fail ${d}`)))).rejects.toThrow('fail b');
  });
});
