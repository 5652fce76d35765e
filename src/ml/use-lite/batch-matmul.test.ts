import * as tf from '@tensorflow/tfjs-core';
import { BatchMatMul, getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tfjsWasmPathsNode } from '../node/use-lite';
import { installSplitBatchMatMul } from './batch-matmul';

/** Deterministic pseudo-random floats in [-1, 1). */
function values(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

/** Plain float64 reference of a (batched, optionally transposed-b) product. */
function reference(a: Float32Array, b: Float32Array, batch: number, m: number, k: number, n: number, transposeB: boolean): Float64Array {
  const out = new Float64Array(batch * m * n);
  for (let p = 0; p < batch; p++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let q = 0; q < k; q++) s += a[p * m * k + i * k + q]! * (transposeB ? b[p * n * k + j * k + q]! : b[p * k * n + q * n + j]!);
        out[p * m * n + i * n + j] = s;
      }
  return out;
}

describe('split BatchMatMul kernel for tfjs wasm', () => {
  let original: KernelConfig;
  let split: KernelConfig;
  const use = (k: KernelConfig) => {
    unregisterKernel(BatchMatMul, 'wasm');
    registerKernel(k);
  };

  beforeAll(async () => {
    setWasmPaths(tfjsWasmPathsNode());
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    original = { ...getKernel(BatchMatMul, 'wasm')! };
    installSplitBatchMatMul();
    split = { ...getKernel(BatchMatMul, 'wasm')! };
    expect(split.kernelFunc).not.toBe(original.kernelFunc);
    expect(await tf.setBackend('wasm')).toBe(true);
  });
  afterAll(() => use(split));

  /** Runs tf.matMul with one kernel, returns the values; checks no tensor is leaked. */
  async function matMul(kernel: KernelConfig, a: tf.Tensor, b: tf.Tensor, transposeB: boolean): Promise<Float32Array> {
    use(kernel);
    const before = tf.memory().numTensors;
    const bytesBefore = tf.memory().numBytes;
    const out = tf.matMul(a, b, false, transposeB);
    const data = (await out.data()) as Float32Array;
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.memory().numBytes).toBe(bytesBefore);
    return data;
  }

  // Shapes as in USE-lite's attention (texts × heads × tokens × depth), smaller.
  for (const [transposeB, label] of [
    [true, 'queries × keysᵀ'],
    [false, 'weights × values'],
  ] as const) {
    it(`computes ${label} like tfjs' kernel and a float64 reference`, async () => {
      const [t, h, m, k, n] = [3, 2, 7, 5, 6];
      const av = values(t * h * m * k, 1);
      const bv = values(t * h * k * n, 2);
      const a = tf.tensor4d(av, [t, h, m, k]);
      const b = tf.tensor4d(bv, transposeB ? [t, h, n, k] : [t, h, k, n]);
      const fast = await matMul(split, a, b, transposeB);
      const slow = await matMul(original, a, b, transposeB);
      const ref = reference(av, bv, t * h, m, k, n, transposeB);
      expect(fast.length).toBe(t * h * m * n);
      for (let i = 0; i < ref.length; i++) {
        expect(Math.abs(fast[i]! - ref[i]!)).toBeLessThan(1e-5);
        expect(Math.abs(fast[i]! - slow[i]!)).toBeLessThan(1e-5);
      }
      a.dispose();
      b.dispose();
    });
  }

  it('leaves products it does not split (2-D, broadcast batch, transposed a) to tfjs', async () => {
    const a2 = tf.tensor2d(values(12, 3), [3, 4]);
    const b2 = tf.tensor2d(values(20, 4), [4, 5]);
    expect(Array.from(await matMul(split, a2, b2, false))).toEqual(Array.from(await matMul(original, a2, b2, false)));
    const a3 = tf.tensor3d(values(24, 5), [2, 3, 4]);
    const b3 = tf.tensor3d(values(20, 6), [1, 4, 5]);
    expect(Array.from(await matMul(split, a3, b3, false))).toEqual(Array.from(await matMul(original, a3, b3, false)));
    use(split);
    const ta = tf.matMul(a3, tf.tensor3d(values(30, 7), [2, 3, 5]), true, false);
    use(original);
    const tb = tf.matMul(a3, tf.tensor3d(values(30, 7), [2, 3, 5]), true, false);
    expect(Array.from(await ta.data())).toEqual(Array.from(await tb.data()));
    tf.dispose([a2, b2, a3, b3, ta, tb]);
  });
});
