/**
 * Symmetric int8 quantisation with one scale per vector: q = round(x / s), s = max|x| / 127,
 * so every component is reconstructed to within s / 2.
 */

/** An int8 vector and the scale that maps it back to floats (x ≈ scale · q). */
export interface QuantizedVector {
  q: Int8Array;
  scale: number;
}

/** Quantises `v` to int8 with a per-vector scale; a zero vector gets scale 0. */
export function quantizeInt8(v: ArrayLike<number>, out: Int8Array = new Int8Array(v.length)): QuantizedVector {
  let maxAbs = 0;
  for (let i = 0; i < v.length; i++) maxAbs = Math.max(maxAbs, Math.abs(v[i]!));
  // Math.fround: the scale is stored as float32, so quantise with exactly the stored value.
  const scale = Math.fround(maxAbs / 127);
  if (scale === 0) {
    out.fill(0);
    return { q: out, scale: 0 };
  }
  for (let i = 0; i < v.length; i++) out[i] = Math.max(-127, Math.min(127, Math.round(v[i]! / scale)));
  return { q: out, scale };
}

/** Reconstructs the float vector `scale · q`. */
export function dequantizeInt8(q: Int8Array, scale: number): Float32Array {
  const out = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) out[i] = q[i]! * scale;
  return out;
}
