/**
 * A faster BatchMatMul for tfjs' wasm backend. tfjs 4.22 hands a matrix product to XNNPACK only
 * when neither side is transposed and both have batch size 1; everything else — here USE-lite's
 * attention (queries × keysᵀ, then weights × values, one product per text and head) — runs through
 * a scalar triple loop about 15× slower per multiply-add. In a cold catalogue build that loop took
 * ~30% of the encoder's CPU time for under 5% of its arithmetic.
 *
 * This kernel splits such a product into one batch-1, untransposed product per batch entry (keysᵀ
 * transposed while copied) and runs each through tfjs' own kernel, i.e. XNNPACK. Same arithmetic,
 * another summation order: results agree to float rounding (see batch-matmul.test.ts).
 */
import { BatchMatMul, getKernel, registerKernel, unregisterKernel, util, type BatchMatMulAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Args = Parameters<KernelFunc>[0];

/** Wraps tfjs' wasm BatchMatMul kernel `base` so batched or transposed products use XNNPACK. */
export function splitBatchMatMul(base: KernelFunc): KernelFunc {
  return (args: Args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
    const rank = a.shape.length;
    const batchShape = a.shape.slice(0, -2);
    const batch = util.sizeFromShape(batchShape);
    // Only the case USE-lite needs, same batch shape on both sides; the rest keeps tfjs' kernel.
    if (
      transposeA ||
      a.dtype !== 'float32' ||
      b.dtype !== 'float32' ||
      rank < 3 ||
      b.shape.length !== rank ||
      !util.arraysEqual(batchShape, b.shape.slice(0, -2)) ||
      (batch === 1 && !transposeB)
    ) {
      return base(args);
    }
    const backend = args.backend as BackendWasm;
    const m = a.shape[rank - 2]!;
    const k = a.shape[rank - 1]!;
    const n = transposeB ? b.shape[rank - 2]! : b.shape[rank - 1]!;
    if ((transposeB ? b.shape[rank - 1] : b.shape[rank - 2]) !== k) return base(args); // let tfjs report it
    const out = backend.makeOutput([...batchShape, m, n], 'float32');
    for (let i = 0; i < batch; i++) {
      const aSlice = backend.makeOutput([1, m, k], 'float32');
      // A fresh right-hand tensor per product: tfjs caches XNNPACK's packed weights by tensor id.
      const bSlice = backend.makeOutput([1, k, n], 'float32');
      // Views are taken after every allocation: a growing wasm heap detaches older ones.
      const av = backend.typedArrayFromHeap(a) as Float32Array;
      const bv = backend.typedArrayFromHeap(b) as Float32Array;
      (backend.typedArrayFromHeap(aSlice) as Float32Array).set(av.subarray(i * m * k, (i + 1) * m * k));
      const bs = backend.typedArrayFromHeap(bSlice) as Float32Array;
      if (transposeB) {
        // b[i] is n × k; bSlice must be k × n.
        const off = i * n * k;
        for (let r = 0; r < n; r++) for (let c = 0; c < k; c++) bs[c * n + r] = bv[off + r * k + c]!;
      } else {
        bs.set(bv.subarray(i * k * n, (i + 1) * k * n));
      }
      const prod = base({ ...args, inputs: { a: aSlice, b: bSlice }, attrs: { ...args.attrs, transposeA: false, transposeB: false } }) as TensorInfo;
      (backend.typedArrayFromHeap(out) as Float32Array).set(backend.typedArrayFromHeap(prod) as Float32Array, i * m * n);
      backend.disposeData(prod.dataId);
      backend.disposeData(aSlice.dataId);
      backend.disposeData(bSlice.dataId);
    }
    return out;
  };
}

let installed = false;

/** Replaces the registered wasm BatchMatMul kernel by the split one (once per realm; before setBackend). */
export function installSplitBatchMatMul(): void {
  if (installed) return;
  const config = getKernel(BatchMatMul, 'wasm');
  if (!config) return; // the wasm backend is not imported: nothing to speed up
  unregisterKernel(BatchMatMul, 'wasm');
  registerKernel({ ...config, kernelFunc: splitBatchMatMul(config.kernelFunc) } satisfies KernelConfig);
  installed = true;
}
