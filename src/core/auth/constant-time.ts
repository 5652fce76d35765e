/** Comparison of secrets whose running time does not depend on where the inputs differ. */

/**
 * True when `a` and `b` hold the same bytes. Every byte is visited whatever the content; only
 * the lengths (not secret here: derived key length is fixed) end the comparison early.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
